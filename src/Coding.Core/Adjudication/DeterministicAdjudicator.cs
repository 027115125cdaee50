namespace Coding.Core.Adjudication;

/// <summary>
/// The no-model adjudicator: keeps every candidate with its deterministic score as confidence and its supporting
/// sentences as evidence. It is also what <see cref="ModelAdjudicator"/> falls back to, so it must never fail.
/// </summary>
public sealed class DeterministicAdjudicator : IAdjudicator
{
    public const string BackendName = "deterministic";
    public const string Version = "1";

    public Task<AdjudicationResult> AdjudicateAsync(AdjudicationRequest request, CancellationToken ct) =>
        Task.FromResult(Decide(request, fallback: null));

    public static AdjudicationResult Decide(AdjudicationRequest request, AdjudicationFallback? fallback, AdjudicationProvenance? attempted = null)
    {
        var codes = request.Candidates
            .Where(c => c.SupportingSentenceIds.Count > 0)
            .OrderByDescending(c => c.DeterministicScore)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new AdjudicatedCode(c.System, c.Code, c.SupportingSentenceIds.Distinct().Order().ToList(), Math.Clamp(c.DeterministicScore, 0, 1), "deterministic score"))
            .ToList();
        // When the model was tried, keep its identity next to the fallback so an operator can see which model failed.
        var provenance = attempted is null
            ? new AdjudicationProvenance(BackendName, "none", Version, Version, "", Deidentified: false, fallback)
            : attempted with { Fallback = fallback };
        return new AdjudicationResult(codes, provenance);
    }
}
