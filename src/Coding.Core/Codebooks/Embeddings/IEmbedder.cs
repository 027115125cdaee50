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
}

public static class EmbeddingSpace
{
    /// <summary>
    /// Width of every stored vector (the columns are vector(256)). Small on purpose: the HNSW build over ~300k codebook
    /// texts and the per-query distance work both scale with it, and hashed features gain little past a few hundred dims.
    /// A neural embedder must be asked for this many dimensions (OpenAI's `dimensions`) or it is refused.
    /// </summary>
    public const int Dimension = 256;

    /// <summary>Scales a vector to unit length in place (cosine search over unit vectors; not every model normalises).</summary>
    public static float[] Normalize(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        if (norm > 0) for (var i = 0; i < v.Length; i++) v[i] = (float)(v[i] / norm);
        return v;
    }
}
