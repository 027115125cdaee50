using Coding.Core.Suggestions;

namespace Coding.Core.Reporting;

/// <summary>A coder's latest decision on one suggestion (or a code the coder added), as counted for rates.</summary>
public sealed record DecisionRow(string Reviewer, CodeSystem System, string Code, ReviewAction Action, int Count);

/// <summary>
/// Decision counts for one group (a code family or a coder). Rates are over the engine's suggestions that were
/// decided (accepted + rejected + modified); codes a coder added are no decision on a suggestion, so they are counted
/// beside the rates, as <see cref="AddedPerDecision"/>.
/// </summary>
public sealed record DecisionRates(string Key, string Label, int Accepted, int Rejected, int Modified, int Added)
{
    public int Decided => Accepted + Rejected + Modified;
    public double? AcceptanceRate => Decided == 0 ? null : (double)Accepted / Decided;
    public double? RejectionRate => Decided == 0 ? null : (double)Rejected / Decided;
    public double? ModificationRate => Decided == 0 ? null : (double)Modified / Decided;

    /// <summary>Share of the engine's suggestions the coder did not take as they were: rejected or modified.</summary>
    public double? OverrideRate => Decided == 0 ? null : (double)(Rejected + Modified) / Decided;

    public double? AddedPerDecision => Decided == 0 ? null : (double)Added / Decided;

    public static IReadOnlyList<DecisionRates> ByFamily(IEnumerable<DecisionRow> rows) =>
        Roll(rows, r => CodeFamily.Of(r.System, r.Code) is var f ? (f.Key, f.Label) : default);

    public static IReadOnlyList<DecisionRates> ByCoder(IEnumerable<DecisionRow> rows) =>
        Roll(rows, r => (r.Reviewer, r.Reviewer));

    public static DecisionRates Total(IEnumerable<DecisionRow> rows) =>
        Roll(rows, _ => ("all", "All codes")).SingleOrDefault() ?? new DecisionRates("all", "All codes", 0, 0, 0, 0);

    private static List<DecisionRates> Roll(IEnumerable<DecisionRow> rows, Func<DecisionRow, (string Key, string Label)> group) =>
        rows.GroupBy(group)
            .Select(g => new DecisionRates(g.Key.Key, g.Key.Label,
                g.Where(r => r.Action == ReviewAction.Accept).Sum(r => r.Count),
                g.Where(r => r.Action == ReviewAction.Reject).Sum(r => r.Count),
                g.Where(r => r.Action == ReviewAction.Modify).Sum(r => r.Count),
                g.Where(r => r.Action == ReviewAction.Add).Sum(r => r.Count)))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
}
