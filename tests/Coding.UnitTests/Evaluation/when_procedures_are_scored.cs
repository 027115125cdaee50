using Coding.Core.Evaluation.Procedures;

namespace Coding.UnitTests.Evaluation;

public class when_procedures_are_scored
{
    private static readonly Dictionary<string, IReadOnlySet<string>> Gold = new()
    {
        ["a"] = new HashSet<string> { "bw03zzz", "0dtj" },
        ["b"] = new HashSet<string> { "bw21" },
        ["c"] = new HashSet<string>(),
    };

    private static readonly Dictionary<string, IReadOnlyList<ProcedurePrediction>> Predicted = new()
    {
        // a: the stem of the chest X-ray only (wrong as written, right at 4), then the resection as the gold writes it.
        ["a"] = [new("BW03", 0.9), new("0DTJ", 0.8), new("0DBJ", 0.1)],
        // b: nothing; c: one code where the gold has none.
        ["c"] = [new("BW03ZZZ", 0.7)],
    };

    [Fact]
    public void map_averages_over_the_documents_predicted_as_the_official_script_does()
    {
        // a: relevant at rank 2 only → (1/2) / 2 gold = 0.25; c: 0 (no gold); b: not in the run, left out.
        var report = ProcedureScores.Compute(Gold, Predicted, threshold: 0.5);
        Assert.Equal(2, report.MapDocuments);
        Assert.Equal(0.125, report.Map, 6);
        // At the stem a: ranks 1 and 2 relevant → (1 + 1) / 2 = 1; c: 0.
        Assert.Equal(0.5, report.MapStem, 6);
    }

    [Fact]
    public void micro_counts_compare_codes_as_written_and_at_the_stem()
    {
        var report = ProcedureScores.Compute(Gold, Predicted, threshold: 0.5);
        // As written: 0DTJ right; BW03 and BW03ZZZ (c) wrong; bw03zzz and bw21 missed.
        Assert.Equal(new(1, 2, 2), (report.Written.TruePositives, report.Written.FalsePositives, report.Written.FalseNegatives));
        // At the stem: BW03 and 0DTJ right in a, BW03 wrong in c, BW21 missed.
        Assert.Equal(new(2, 1, 1), (report.Stem.TruePositives, report.Stem.FalsePositives, report.Stem.FalseNegatives));
        Assert.Equal(2.0 / 3, report.CandidateRecall, 6);
    }
}
