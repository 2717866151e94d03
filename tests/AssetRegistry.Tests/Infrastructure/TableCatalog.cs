namespace AssetRegistry.Tests.Infrastructure;

/// <summary>Test-side catalogue queries (the table names come from the tests, never from input).</summary>
public static class TableCatalog
{
    /// <summary>One row per index (the primary key's too) and foreign key of <paramref name="table"/>: its object id,
    /// then its definition and whether it is valid, ordered. One made again has a new object id.</summary>
    public static string IndexesAndKeys(string table) => $"""
        select d from (
            select c.oid || ' ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid as d
            from pg_index i join pg_class c on c.oid = i.indexrelid
            where i.indrelid = '{table}'::regclass
            union all
            select oid || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' validated=' || convalidated from pg_constraint
            where conrelid = '{table}'::regclass and contype = 'f') x
        order by d
        """;
}
