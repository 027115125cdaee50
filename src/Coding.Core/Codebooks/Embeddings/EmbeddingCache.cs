using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Coding.Core.Codebooks.Embeddings;

/// <summary>
/// Vectors already computed, by embedder and text, in one append-only file per embedder
/// (<c>{folder}/{embedder id}.vectors</c>): a record is the first 16 bytes of SHA-256 over the text, then the vector as
/// little-endian floats. A model that takes milliseconds per text makes a fresh import of all releases take half an
/// hour; with the file, a re-import (another database, a dropped release, a new year sharing most texts) embeds only
/// what it has not seen. The file is read once per process and only ever appended to, one write per batch, so a
/// crash loses at most the batch being written (a torn last record is ignored on the next read).
/// </summary>
public sealed class EmbeddingCache(string? folder)
{
    /// <summary>Texts per embedder call between progress reports and appends.</summary>
    private const int Step = 512;

    private const int KeyBytes = 16;
    private static readonly byte[] Magic = "CODVEC1\n"u8.ToArray();

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<UInt128, float[]>> _loaded = [];

    /// <summary>The folder, or null when caching is off.</summary>
    public string? Folder { get; } = folder;

    /// <summary>
    /// Vectors for <paramref name="texts"/> (passages, as stored), from the file where known, else from the embedder in
    /// steps that report progress (done, total) and append to the file. Embedders not worth caching are called directly.
    /// </summary>
    public async Task<float[][]> EmbedAsync(
        IEmbedder embedder, IReadOnlyList<string> texts, Action<long, long>? progress, CancellationToken ct)
    {
        if (Folder is null || !embedder.CacheVectors) return await EmbedInStepsAsync(embedder, texts, progress, ct);
        var known = Load(embedder.Id);
        var result = new float[texts.Count][];
        var missing = new List<int>();
        var keys = new UInt128[texts.Count];
        lock (_gate)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                keys[i] = Key(texts[i]);
                if (known.TryGetValue(keys[i], out var v)) result[i] = v;
                else missing.Add(i);
            }
        }
        // The same text twice in one call is embedded once.
        var distinct = missing.DistinctBy(i => keys[i]).ToList();
        progress?.Invoke(0, distinct.Count);
        for (var start = 0; start < distinct.Count; start += Step)
        {
            var step = distinct.Skip(start).Take(Step).ToArray();
            var vectors = await embedder.EmbedAsync(step.Select(i => texts[i]).ToArray(), ct);
            lock (_gate)
            {
                for (var j = 0; j < step.Length; j++) known[keys[step[j]]] = vectors[j];
                Append(embedder.Id, step.Select((i, j) => (keys[i], vectors[j])));
            }
            progress?.Invoke(Math.Min(start + Step, distinct.Count), distinct.Count);
        }
        lock (_gate)
            foreach (var i in missing) result[i] = known[keys[i]];
        return result;
    }

    private static async Task<float[][]> EmbedInStepsAsync(
        IEmbedder embedder, IReadOnlyList<string> texts, Action<long, long>? progress, CancellationToken ct)
    {
        var result = new float[texts.Count][];
        progress?.Invoke(0, texts.Count);
        for (var start = 0; start < texts.Count; start += Step * 16)
        {
            var step = texts.Skip(start).Take(Step * 16).ToArray();
            (await embedder.EmbedAsync(step, ct)).CopyTo(result, start);
            progress?.Invoke(Math.Min(start + step.Length, texts.Count), texts.Count);
        }
        return result;
    }

    /// <summary>How many vectors the file holds for the embedder (reads it if not read yet).</summary>
    public int Count(IEmbedder embedder)
    {
        lock (_gate) return Folder is null ? 0 : Load(embedder.Id).Count;
    }

    private static UInt128 Key(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash[..KeyBytes]);
    }

    private string PathOf(string embedderId)
    {
        var name = string.Concat(embedderId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        return System.IO.Path.Combine(Folder!, $"{name}.vectors");
    }

    private Dictionary<UInt128, float[]> Load(string embedderId)
    {
        lock (_gate)
        {
            if (_loaded.TryGetValue(embedderId, out var map)) return map;
            map = [];
            var path = PathOf(embedderId);
            if (File.Exists(path))
            {
                var bytes = File.ReadAllBytes(path);
                var record = KeyBytes + EmbeddingSpace.Dimension * sizeof(float);
                if (bytes.Length >= Magic.Length + 4 && bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
                    && BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length)) == EmbeddingSpace.Dimension)
                {
                    for (var at = Magic.Length + 4; at + record <= bytes.Length; at += record)
                    {
                        var key = BinaryPrimitives.ReadUInt128LittleEndian(bytes.AsSpan(at, KeyBytes));
                        var v = new float[EmbeddingSpace.Dimension];
                        Buffer.BlockCopy(bytes, at + KeyBytes, v, 0, v.Length * sizeof(float));
                        map[key] = v;
                    }
                }
            }
            _loaded[embedderId] = map;
            return map;
        }
    }

    private void Append(string embedderId, IEnumerable<(UInt128 Key, float[] Vector)> records)
    {
        Directory.CreateDirectory(Folder!);
        var path = PathOf(embedderId);
        using var buffer = new MemoryStream();
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            buffer.Write(Magic);
            Span<byte> width = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(width, EmbeddingSpace.Dimension);
            buffer.Write(width);
        }
        Span<byte> key = stackalloc byte[KeyBytes];
        foreach (var (k, v) in records)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(key, k);
            buffer.Write(key);
            buffer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan()));
        }
        // One append per batch: O_APPEND keeps concurrent writers (two importers on two databases) from overwriting
        // each other's records.
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// The configured folder: "off" disables the cache; empty means .local/cache/embeddings in the repository that holds
    /// the working directory or the binaries (ignored by git), else coding/embeddings under the user's local data.
    /// </summary>
    public static string? ResolveFolder(string? configured)
    {
        if (string.Equals(configured, "off", StringComparison.OrdinalIgnoreCase)) return null;
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            if (CodebookSources.FindRepoRoot(start) is { } repo)
                return System.IO.Path.Combine(repo, ".local", "cache", "embeddings");
        return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "coding", "embeddings");
    }
}
