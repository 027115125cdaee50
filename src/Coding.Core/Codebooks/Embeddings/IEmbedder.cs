namespace Coding.Core.Codebooks.Embeddings;

/// <summary>
/// Turns texts into unit-length vectors of <see cref="EmbeddingSpace.Dimension"/> floats. <see cref="Id"/> names the
/// embedder and its settings; it is stored beside every vector so vectors from different embedders are never compared.
/// </summary>
public interface IEmbedder
{
    string Id { get; }

    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct);

    /// <summary>
    /// Cosine similarity from which a vector neighbour counts as a match on its own, with no word in common with the
    /// query. Every query has nearest neighbours, so without such a bar gibberish gets confident-looking codes. Above 1
    /// (the default): never; only a text match makes a result.
    /// </summary>
    double TrustedSimilarity => double.PositiveInfinity;

    /// <summary>The text to embed for a search query; retrieval models embed questions and passages differently.</summary>
    string AsQuery(string text) => text;

    /// <summary>
    /// Whether the importer keeps this embedder's vectors in the <see cref="EmbeddingCache"/>: worth it for a model that
    /// takes milliseconds per text, not for feature hashing that is faster than reading the cache back.
    /// </summary>
    bool CacheVectors => false;
}

public static class EmbeddingSpace
{
    /// <summary>
    /// Width of every stored vector (the columns are vector(384)): arctic-embed-xs's own width. Embedders with fewer
    /// dimensions fill the rest with zeros (cosine is unchanged), and an OpenAI-compatible endpoint is asked for this many.
    /// </summary>
    public const int Dimension = 384;

    /// <summary>Scales a vector to unit length in place (cosine search over unit vectors; not every model normalises).</summary>
    public static float[] Normalize(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        if (norm > 0) for (var i = 0; i < v.Length; i++) v[i] = (float)(v[i] / norm);
        return v;
    }
}
