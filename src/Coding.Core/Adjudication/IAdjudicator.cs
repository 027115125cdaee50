namespace Coding.Core.Adjudication;

/// <summary>
/// Decides which candidate codes the note supports, with which sentences as evidence. The one door to a model:
/// the deterministic ranker and the language model are both behind it, so the pipeline never knows which one ran.
/// Implementations never throw for a bad model answer; they fall back and say so in the provenance.
/// </summary>
public interface IAdjudicator
{
    Task<AdjudicationResult> AdjudicateAsync(AdjudicationRequest request, CancellationToken ct);
}
