using Coding.Core.Encounters;
using Coding.Core.Suggestions;

namespace Coding.Core.Adjudication;

/// <summary>
/// Everything an adjudicator may see for one encounter: sentences (not the whole chart), the candidates the engine
/// retrieved and the guideline chunks retrieved for them. Lives only in memory; never logged.
/// </summary>
public sealed record AdjudicationRequest(
    Guid EncounterId,
    CareSetting Setting,
    DateOnly DateOfService,
    IReadOnlyList<NoteSentence> Sentences,
    IReadOnlyList<CandidateCode> Candidates,
    IReadOnlyList<GuidelineSnippet> Guidelines);

/// <summary>One sentence of the note with its exact character range [Start, End) in the decrypted note.</summary>
public sealed record NoteSentence(int Id, string Text, int Start, int End);

/// <summary>A code the engine found worth considering, with its deterministic score (0..1) and why.</summary>
public sealed record CandidateCode(
    CodeSystem System,
    string Code,
    string Description,
    double DeterministicScore,
    IReadOnlyList<int> SupportingSentenceIds);

/// <summary>A retrieved guideline chunk (Official Guidelines section, tabular note) the model may cite.</summary>
public sealed record GuidelineSnippet(string Id, string Text);
