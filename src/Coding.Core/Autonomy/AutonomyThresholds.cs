using System.Globalization;

namespace Coding.Core.Autonomy;

/// <summary>One suggested code of an evaluation run: its note, setting, confidence and whether the gold has it.</summary>
public sealed record ScoredSuggestion(string Document, string Setting, string Code, double Confidence, bool Correct)
{
    /// <summary>The code family autonomy is opted into: the ICD-10-CM chapter letter, as the review queue filters.</summary>
    public string Family => Code[..1].ToUpperInvariant();
}

/// <summary>The confidence at or above which a setting's code family met the target precision with enough support.</summary>
/// <param name="LowerBound">Wilson lower bound of the precision of the <paramref name="Support"/> suggestions at or above it.</param>
public sealed record FamilyThreshold(string Setting, string Family, double Threshold, int Support, int Correct, double LowerBound);

/// <summary>
/// Derives per setting and code family the lowest confidence whose suggestions at or above it reach the target
/// precision by their one-sided Wilson lower bound (z = 1.645: 95 % confidence), not by the point estimate: ten right
/// out of ten is a precision of 1.0 whose lower bound is 0.79. A family with too few suggestions gets no threshold and
/// so is never autonomous. Derived from a training run only; measured on another.
/// </summary>
public static class AutonomyThresholds
{
    public const double OneSided95 = 1.6449;

    public static IReadOnlyList<FamilyThreshold> Derive(IEnumerable<ScoredSuggestion> train, double targetPrecision, int minSupport = 20,
        double z = OneSided95)
    {
        var thresholds = new List<FamilyThreshold>();
        foreach (var group in train.GroupBy(s => (s.Setting, s.Family)).OrderBy(g => g.Key.Setting, StringComparer.Ordinal).ThenBy(g => g.Key.Family, StringComparer.Ordinal))
        {
            FamilyThreshold? best = null;
            int n = 0, k = 0;
            // Walk confidences downwards: each distinct value is a candidate threshold covering everything above it.
            foreach (var level in group.GroupBy(s => s.Confidence).OrderByDescending(l => l.Key))
            {
                n += level.Count();
                k += level.Count(s => s.Correct);
                var lower = Wilson.Lower(k, n, z);
                if (n >= minSupport && lower >= targetPrecision)
                    best = new FamilyThreshold(group.Key.Setting, group.Key.Family, level.Key, n, k, lower);
            }
            if (best is not null) thresholds.Add(best);
        }
        return thresholds;
    }

    public static string Format(FamilyThreshold t) => string.Create(CultureInfo.InvariantCulture,
        $"{t.Setting} {t.Family}: ≥ {t.Threshold:F4} ({t.Correct}/{t.Support}, lower bound {t.LowerBound:F3})");
}

public static class Wilson
{
    /// <summary>Wilson score interval's lower end for k successes out of n.</summary>
    public static double Lower(int k, int n, double z)
    {
        if (n == 0) return 0;
        var p = (double)k / n;
        var z2 = z * z;
        var centre = p + z2 / (2 * n);
        var margin = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (centre - margin) / (1 + z2 / n);
    }
}
