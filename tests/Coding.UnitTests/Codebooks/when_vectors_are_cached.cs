using Coding.Core.Codebooks.Embeddings;

namespace Coding.UnitTests.Codebooks;

/// <summary>The vector cache (<see cref="EmbeddingCache"/>): a text is embedded once per embedder, across processes.</summary>
public sealed class when_vectors_are_cached : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"coding-vectors-{Guid.NewGuid():N}");

    /// <summary>The hashing embedder's vectors, counted, and claimed worth caching so the cache is exercised.</summary>
    private sealed class CountingEmbedder : IEmbedder
    {
        public int Embedded { get; private set; }
        public string Id => "counting-hash";
        public bool CacheVectors => true;

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
        {
            Embedded += texts.Count;
            return new DeterministicEmbedder().EmbedAsync(texts, ct);
        }
    }

    private static readonly string[] Titles = ["Essential (primary) hypertension", "Chronic kidney disease, stage 3b", "Essential (primary) hypertension"];

    [Fact]
    public async Task a_text_is_embedded_once_and_read_back_the_same_by_another_process()
    {
        var embedder = new CountingEmbedder();
        var first = await new EmbeddingCache(_folder).EmbedAsync(embedder, Titles, null, default);
        Assert.Equal(2, embedder.Embedded); // the repeated title once

        // A new cache object reads the file as another process would: no model call, the same floats.
        var again = await new EmbeddingCache(_folder).EmbedAsync(embedder, Titles, null, default);
        Assert.Equal(2, embedder.Embedded);
        for (var i = 0; i < Titles.Length; i++) Assert.Equal(first[i], again[i]);
        Assert.Equal(DeterministicEmbedder.Embed(Titles[1]), again[1]);
    }

    [Fact]
    public async Task a_torn_last_record_is_ignored_and_embedded_again()
    {
        var embedder = new CountingEmbedder();
        await new EmbeddingCache(_folder).EmbedAsync(embedder, Titles, null, default);
        var file = Directory.GetFiles(_folder).Single();
        using (var stream = new FileStream(file, FileMode.Open)) stream.SetLength(stream.Length - 10); // a crash mid-write

        var vectors = await new EmbeddingCache(_folder).EmbedAsync(embedder, Titles, null, default);
        Assert.Equal(3, embedder.Embedded); // the torn one again, the other from the file
        Assert.Equal(DeterministicEmbedder.Embed(Titles[1]), vectors[1]);
    }

    [Fact]
    public async Task progress_counts_only_what_the_model_has_to_embed()
    {
        var embedder = new CountingEmbedder();
        await new EmbeddingCache(_folder).EmbedAsync(embedder, Titles.Take(1).ToArray(), null, default);
        var reports = new List<(long Done, long Total)>();
        await new EmbeddingCache(_folder).EmbedAsync(embedder, Titles, (d, t) => reports.Add((d, t)), default);
        Assert.Equal((1L, 1L), reports[^1]);
    }

    [Fact]
    public void off_means_no_folder() => Assert.Null(EmbeddingCache.ResolveFolder("off"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
