using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Codebooks.Embeddings;

/// <summary>
/// Deterministic: feature hashing, no model (default). ArcticXs: the packaged arctic-embed-xs model, in process.
/// OpenAi: an OpenAI-compatible /embeddings endpoint.
/// </summary>
public enum EmbedderKind { ArcticXs, Deterministic, OpenAi }

public sealed class EmbedderOptions : IValidatableObject
{
    /// <summary>
    /// Hashing by default: with the model, the first import on a machine embeds ~164k texts (62 min on 2 cores), which
    /// would put an hour in front of every fresh clone's demo and CI run, while the lexical and code-pattern search
    /// already answers typed codes and shorthand. A site opts in with ArcticXs and one `coding codebook import`, which
    /// re-embeds the stored vectors in place (cached, so later imports take about a minute); the API and worker must
    /// run with the same kind, since the search refuses vectors from another embedder.
    /// </summary>
    public EmbedderKind Kind { get; set; } = EmbedderKind.Deterministic;

    /// <summary>For <see cref="EmbedderKind.OpenAi"/>: e.g. http://127.0.0.1:8080/v1.</summary>
    public string? BaseUrl { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    [Range(1, 2048)]
    public int BatchSize { get; set; } = 256;

    /// <summary>For <see cref="EmbedderKind.ArcticXs"/>: model calls run side by side during an import; 0 = one per core.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>
    /// Folder of the vector cache (<see cref="EmbeddingCache"/>); empty: .local/cache/embeddings in the repository, or
    /// the user's local application data outside one. "off" disables it.
    /// </summary>
    public string? CacheFolder { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == EmbedderKind.OpenAi && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out _) || string.IsNullOrWhiteSpace(Model)))
            yield return new ValidationResult("Codebooks:Embedder:BaseUrl (absolute URL) and Model are required when Kind is OpenAi", [nameof(BaseUrl), nameof(Model)]);
    }
}
