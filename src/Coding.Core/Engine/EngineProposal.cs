using Coding.Core.Engine.Preparation;
using Coding.Core.Suggestions;

namespace Coding.Core.Engine;

/// <summary>
/// The deterministic engine's answer plus what it weighed: the prepared note (whose sentence ids the evidence spans
/// carry) and the candidate drafts an adjudicator may choose from — the suggestions first, then codes below the threshold.
/// </summary>
public sealed record EngineProposal(EngineResult Result, PreparedNote Note, IReadOnlyList<SuggestionDraft> Candidates);
