using System.Text.Json.Nodes;
using Coding.Core.Suggestions;

namespace Coding.Core.Adjudication;

/// <summary>
/// The adjudicator's answer: the codes it keeps, best first. <see cref="Provenance"/> says who answered and, when the
/// model was asked but its answer could not be used, that the deterministic result stands in and why.
/// </summary>
public sealed record AdjudicationResult(IReadOnlyList<AdjudicatedCode> Codes, AdjudicationProvenance Provenance)
{
    public bool FellBack => Provenance.Fallback is not null;
}

public sealed record AdjudicatedCode(
    CodeSystem System,
    string Code,
    IReadOnlyList<int> EvidenceSentenceIds,
    double Confidence,
    string Rationale);

/// <summary>
/// Where an answer came from, stored with every suggestion. <see cref="Model"/> is "sha256:…" of the GGUF file for
/// the in-process backend and the server's model id for a remote one. Never contains note text.
/// </summary>
public sealed record AdjudicationProvenance(
    string Backend,
    string Model,
    string PromptVersion,
    string SchemaVersion,
    string PromptHash,
    bool Deidentified,
    AdjudicationFallback? Fallback)
{
    /// <summary>The JSON stored with a suggestion set and inside each suggestion's provenance (stable camelCase keys).</summary>
    public JsonObject ToJson() => new()
    {
        ["backend"] = Backend,
        ["model"] = Model,
        ["promptVersion"] = PromptVersion,
        ["schemaVersion"] = SchemaVersion,
        ["promptHash"] = PromptHash,
        ["deidentified"] = Deidentified,
        ["fallback"] = Fallback is null ? null : new JsonObject { ["reason"] = Fallback.Reason.ToString(), ["detail"] = Fallback.Detail },
    };
}

/// <summary>Why the model's answer was not used. <see cref="Detail"/> is a reason for operators, never model output.</summary>
public sealed record AdjudicationFallback(FallbackReason Reason, string Detail);

public enum FallbackReason
{
    Timeout,
    ModelFailure,
    InvalidOutput,
    EndpointNotAllowed,
}
