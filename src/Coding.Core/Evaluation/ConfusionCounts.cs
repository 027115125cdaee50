namespace Coding.Core.Evaluation;

/// <summary>True/false positives and false negatives, with the ratios derived from them (0 where undefined).</summary>
public readonly record struct ConfusionCounts(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);
    public double F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    public static ConfusionCounts operator +(ConfusionCounts a, ConfusionCounts b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}

/// <summary>
/// Micro scores pool every (document, code) decision. Macro scores average per code (label): each code in the gold or
/// the predictions gets its own P/R/F1 over the documents, and those are averaged with equal weight, so rare codes
/// count as much as common ones. A code that is only predicted, never in the gold, has recall and F1 0 (scikit-learn's
/// zero_division=0 convention); MacroF1 is the mean of per-code F1, not the F1 of the macro P and R.
/// </summary>
public sealed record ClassificationScores(
    ConfusionCounts Micro,
    double MacroPrecision,
    double MacroRecall,
    double MacroF1,
    int Documents,
    int Codes);
