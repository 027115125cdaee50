using System.Text.RegularExpressions;

namespace Coding.Core.Queries;

/// <summary>
/// A documentation gap a physician should clarify because the specific code would change severity (CC/MCC) or the HCC.
/// It fires on a suggested code that starts with one of <see cref="Triggers"/> (the unspecified code) unless a code
/// starting with one of <see cref="ResolvedBy"/> is already on the encounter. <see cref="Specific"/> are the codes an
/// answer would lead to: what query recall is measured against.
/// </summary>
/// <param name="Options">Multiple choice, non-leading (AHIMA/ACDIS): clinically reasonable choices, then "Other" and
/// "Unable to determine", which every draft gets.</param>
public sealed record QueryRule(
    string Id,
    string Topic,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<string> ResolvedBy,
    IReadOnlyList<string> Specific,
    string Question,
    IReadOnlyList<string> Options,
    string Source)
{
    /// <summary>Words the note must show for the rule to fire, where the unspecified code alone is not a gap.</summary>
    public Regex? NoteCue { get; init; }
}

/// <summary>A query drafted for an encounter; stored on the encounter and shown read-only until a query workflow exists.</summary>
public sealed record DraftQuery(string RuleId, string Topic, string TriggerCode, string Question, IReadOnlyList<string> Options, string Source);
