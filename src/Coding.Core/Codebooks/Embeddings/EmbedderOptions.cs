using System.ComponentModel.DataAnnotations;

namespace Coding.Core.Codebooks.Embeddings;

public enum EmbedderKind { Deterministic, OpenAi }

public sealed class EmbedderOptions : IValidatableObject
{
    public EmbedderKind Kind { get; set; } = EmbedderKind.Deterministic;

    /// <summary>For <see cref="EmbedderKind.OpenAi"/>: e.g. http://127.0.0.1:8080/v1.</summary>
    public string? BaseUrl { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    [Range(1, 2048)]
    public int BatchSize { get; set; } = 256;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == EmbedderKind.OpenAi && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out _) || string.IsNullOrWhiteSpace(Model)))
            yield return new ValidationResult("Codebooks:Embedder:BaseUrl (absolute URL) and Model are required when Kind is OpenAi", [nameof(BaseUrl), nameof(Model)]);
    }
}
