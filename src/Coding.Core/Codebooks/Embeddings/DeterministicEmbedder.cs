using System.Runtime.InteropServices;

namespace Coding.Core.Codebooks.Embeddings;

/// <summary>
/// A model-free embedder: signed feature hashing of word unigrams, word bigrams and character trigrams/4-grams into
/// <see cref="Buckets"/> buckets, then L2 normalisation; the stored vector is <see cref="EmbeddingSpace.Dimension"/> wide
/// with zeros past the buckets, so cosines (and every figure measured with it) are those of the 256-bucket vector. It captures spelling and word overlap (so
/// "diabetic" meets "diabetes" and word order matters a little), not meaning; lay synonyms are the search layer's job.
/// The hash is FNV-1a 64 over the feature's UTF-16 code units, so vectors are identical on every machine and run
/// (string.GetHashCode is randomised per process and must never be used here).
/// </summary>
public sealed class DeterministicEmbedder : IEmbedder
{
    public const string Name = "hash-v2";

    /// <summary>Feature buckets; hashed features gain little past a few hundred dimensions.</summary>
    public const int Buckets = 256;

    // Words that occur in a large share of code titles carry no signal and would pull every vector together: function
    // words, and the classification's residual-category words ("Unspecified atrial fibrillation" is what a plain
    // "atrial fibrillation" means, so "unspecified" must not push the two apart).
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "the", "to", "with", "without",
        "unspecified", "specified", "other", "nos", "elsewhere", "classified",
    };

    public string Id => $"{Name}-{Buckets}";

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        var result = new float[texts.Count][];
        // Pure CPU work on independent texts: spread over the cores for bulk import.
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = ct }, i => result[i] = Embed(texts[i]));
        return Task.FromResult(result);
    }

    public static float[] Embed(string text)
    {
        var vector = new float[EmbeddingSpace.Dimension];
        var words = Tokenize(text);
        string? previous = null;
        Span<char> gram = stackalloc char[64];
        foreach (var word in words)
        {
            if (StopWords.Contains(word)) { previous = null; continue; }
            Add(vector, Hash(word.AsSpan(), 1), 1.0f);
            if (previous is not null)
            {
                var bigram = $"{previous} {word}";
                Add(vector, Hash(bigram.AsSpan(), 2), 0.6f);
            }
            previous = word;

            // Character n-grams over "^word$" catch inflections and misspellings.
            var padded = word.Length + 2 <= gram.Length ? gram[..(word.Length + 2)] : new char[word.Length + 2];
            padded[0] = '^';
            word.AsSpan().CopyTo(padded[1..]);
            padded[^1] = '$';
            for (var n = 3; n <= 4; n++)
                for (var i = 0; i + n <= padded.Length; i++)
                    Add(vector, Hash(padded.Slice(i, n), (ulong)(n + 10)), 0.35f);
        }
        Normalize(vector);
        return vector;
    }

    internal static List<string> Tokenize(string text)
    {
        var words = new List<string>();
        Span<char> buffer = stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
            else if (n > 0) { words.Add(new string(buffer[..n])); n = 0; }
        }
        if (n > 0) words.Add(new string(buffer[..n]));
        return words;
    }

    private static void Add(float[] vector, ulong hash, float weight)
    {
        var bucket = (int)(hash % Buckets);
        // A second, independent bit picks the sign so colliding features cancel out on average instead of piling up.
        vector[bucket] += (hash >> 63) == 0 ? weight : -weight;
    }

    /// <summary>FNV-1a 64-bit, seeded per feature kind so a word and a trigram with the same letters land apart.</summary>
    internal static ulong Hash(ReadOnlySpan<char> s, ulong seed)
    {
        var h = 14695981039346656037UL ^ (seed * 1099511628211UL);
        foreach (var b in MemoryMarshal.AsBytes(s))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        // Final avalanche (from SplitMix64): FNV's low bits are weak and the bucket is taken modulo a power of two.
        h ^= h >> 30; h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27; h *= 0x94d049bb133111ebUL;
        h ^= h >> 31;
        return h;
    }

    private static void Normalize(float[] v)
    {
        var sum = 0.0;
        foreach (var x in v) sum += x * x;
        if (sum == 0) return;
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++) v[i] *= scale;
    }
}
