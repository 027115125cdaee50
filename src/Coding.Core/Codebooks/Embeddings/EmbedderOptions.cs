using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Codebooks.Embeddings;

/// <summary>
/// ArcticXs: the packaged arctic-embed-xs model, in process (default). OpenAi: an OpenAI-compatible /embeddings
/// endpoint. Deterministic: feature hashing, no model (tests that do not measure retrieval, machines without the model).
/// </summary>
public enum EmbedderKind { ArcticXs, Deterministic, OpenAi }

public sealed class EmbedderOptions : IValidatableObject
{
    public EmbedderKind Kind { get; set; } = EmbedderKind.ArcticXs;

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
