using Npgsql;

namespace AssetRegistry.Domain.Users;

/// <summary>
/// The data-protection key ring in the registry database (<c>data_protection_keys</c>), so that every web server
/// behind a load balancer reads the cookies and antiforgery tokens another issued. The XML is stored as the key
/// manager hands it over (not encrypted here: protect the database, or configure an XML encryptor in front).
/// </summary>
public sealed class DataProtectionKeys(NpgsqlDataSource dataSource)
{
    // Every key, oldest first: the key manager picks the default key by activation date itself.
    private const string AllSql = "select xml from data_protection_keys order by id";

    // A key's friendly name is unique (key-{guid}); a retried write of the same key is a no-op.
    private const string AddSql = "insert into data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing";

    /// <summary>The XML of every stored key (the key manager calls this synchronously, at start and when its
    /// cached ring expires or meets an unknown key id).</summary>
    public IReadOnlyList<string> ReadAll()
    {
        using var cmd = dataSource.CreateCommand(AllSql);
        using var reader = cmd.ExecuteReader();
        var all = new List<string>();
        while (reader.Read()) all.Add(reader.GetString(0));
        return all;
    }

    /// <summary>Stores one key's XML under its friendly name; an existing name is left as it is.</summary>
    public void Add(string friendlyName, string xml)
    {
        using var cmd = dataSource.CreateCommand(AddSql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = xml });
        cmd.ExecuteNonQuery();
    }
}
