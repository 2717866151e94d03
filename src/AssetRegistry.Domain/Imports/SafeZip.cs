using System.IO.Compression;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// An uploaded zip opened for extracting a few named entries safely. Opening refuses the whole archive when any
/// entry's name could escape a folder (<c>..</c> segments, absolute paths, drive letters, NUL) or when it lists
/// more entries than <see cref="ZipLimits.MaxEntries"/>. Extracting writes to a path the caller chooses (never
/// one made from the entry's name) and counts the bytes as they are inflated: past
/// <see cref="ZipLimits.MaxTotalBytes"/> for the archive, or <see cref="ZipLimits.MaxCompressionRatio"/> for the
/// entry, it stops, deletes the partial file and refuses naming the entry. Refusals are 400s on field
/// <c>file</c>. Not thread-safe.
/// </summary>
public sealed class SafeZip : IDisposable
{
    private const int BufferBytes = 81920;
    private readonly ZipArchive _archive;
    private readonly ZipLimits _limits;
    private long _extractedBytes;

    private SafeZip(ZipArchive archive, ZipLimits limits)
    {
        _archive = archive;
        _limits = limits;
        Entries = archive.Entries.Where(e => !IsFolder(e)).Select(e => e.FullName).ToList();
    }

    /// <summary>The file entries' names as the zip stores them (folders left out), in archive order.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Bytes extracted so far, over all entries.</summary>
    public long ExtractedBytes => _extractedBytes;

    /// <summary>Opens <paramref name="zipPath"/> and checks every entry's name and the entry count; reads only
    /// the central directory.</summary>
    public static SafeZip Open(string zipPath, ZipLimits limits)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException)
        {
            throw ImportFileErrors.Refuse("The file is not a readable zip archive.", "文件不是可读取的 zip 压缩包。");
        }
        try
        {
            if (archive.Entries.Count > limits.MaxEntries)
                throw ImportFileErrors.Refuse($"The zip lists {archive.Entries.Count} entries; at most {limits.MaxEntries} are accepted.",
                    $"压缩包含 {archive.Entries.Count} 个条目，最多允许 {limits.MaxEntries} 个。");
            foreach (var entry in archive.Entries)
            {
                var reason = UnsafeNameReason(entry.FullName);
                if (reason is not null)
                    throw ImportFileErrors.Refuse($"The zip entry \"{Printable(entry.FullName)}\" is refused: {reason.Value.En}.",
                        $"压缩包条目“{Printable(entry.FullName)}”被拒绝：{reason.Value.Zh}。");
            }
            return new SafeZip(archive, limits);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>Extracts the entry named <paramref name="entryName"/> (as in <see cref="Entries"/>) to
    /// <paramref name="targetPath"/>, which must not exist yet, checking the limits while inflating.</summary>
    public async Task ExtractAsync(string entryName, string targetPath, CancellationToken ct)
    {
        var entry = _archive.GetEntry(entryName) ?? throw new ArgumentException($"No entry {entryName}.", nameof(entryName));
        var name = Printable(entry.FullName);
        var remaining = _limits.MaxTotalBytes - _extractedBytes;
        // Honest headers let a bomb be refused before a byte is written; dishonest ones are caught below.
        if (entry.Length > remaining) throw TooLarge(name);
        if (entry.Length > _limits.RatioCheckAfterBytes && entry.Length > _limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
            throw TooCompressed(name);

        var written = 0L;
        try
        {
            await using var input = entry.Open();
            await using var output = new FileStream(targetPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true);
            var buffer = new byte[BufferBytes];
            int read;
            while ((read = await input.ReadAsync(buffer, ct)) > 0)
            {
                written += read;
                if (written > remaining) throw TooLarge(name);
                if (written > _limits.RatioCheckAfterBytes && written > _limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
                    throw TooCompressed(name);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            File.Delete(targetPath);
            throw ImportFileErrors.Refuse($"The zip entry \"{name}\" cannot be read: it is damaged, encrypted or compressed with an unsupported method.",
                $"压缩包条目“{name}”无法读取：文件损坏、已加密或压缩方式不受支持。");
        }
        catch
        {
            File.Delete(targetPath);
            throw;
        }
        _extractedBytes += written;
    }

    public void Dispose() => _archive.Dispose();

    private Exception TooLarge(string name) => ImportFileErrors.Refuse(
        $"The zip entry \"{name}\" unpacks to more than the {_limits.MaxTotalBytes / (1024 * 1024)} MB allowed for one upload.",
        $"压缩包条目“{name}”解压后超过单次上传允许的 {_limits.MaxTotalBytes / (1024 * 1024)} MB。");

    private Exception TooCompressed(string name) => ImportFileErrors.Refuse(
        $"The zip entry \"{name}\" unpacks to more than {_limits.MaxCompressionRatio:0} times its compressed size, as a zip bomb does.",
        $"压缩包条目“{name}”解压后超过压缩大小的 {_limits.MaxCompressionRatio:0} 倍（疑似压缩炸弹）。");

    private static bool IsFolder(ZipArchiveEntry e) => e.FullName.EndsWith('/') || e.FullName.EndsWith('\\');

    /// <summary>Why an entry name could write outside the extraction folder, or null when it cannot.</summary>
    private static (string En, string Zh)? UnsafeNameReason(string fullName)
    {
        if (fullName.Contains('\0')) return ("its name contains a NUL character", "名称包含 NUL 字符");
        if (fullName.StartsWith('/') || fullName.StartsWith('\\')) return ("its path is absolute", "路径为绝对路径");
        if (fullName.Length >= 2 && char.IsAsciiLetter(fullName[0]) && fullName[1] == ':') return ("its path starts with a drive letter", "路径以盘符开头");
        if (fullName.Split('/', '\\').Any(s => s == "..")) return ("its path climbs out of the folder with \"..\"", "路径含有“..”，会跳出解压目录");
        return null;
    }

    /// <summary>The name with control characters replaced, safe to show in a message.</summary>
    private static string Printable(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
