using Coding.Core.Codebooks;
using Coding.Core.Privacy;
using Coding.Core.Privacy.Evaluation;
using Xunit.Abstractions;

namespace Coding.UnitTests.Privacy;

/// <summary>
/// Recall per kind on the committed sets (eval/gold/deid; `coding bench deid` prints the same figures). The floors are
/// what the de-identifier reached when they were set, not targets: a change that loses an identifier fails here.
/// Counts only are printed, as the bench does.
/// </summary>
public sealed class on_the_annotated_deid_sets(ITestOutputHelper output)
{
    private static readonly Dictionary<string, double> DevFloors = new()
    {
        ["name"] = 0.985, ["date"] = 1.0, ["age"] = 1.0, ["mrn"] = 1.0, ["other_id"] = 1.0, ["health_plan"] = 1.0,
        ["account"] = 1.0, ["license"] = 1.0, ["device"] = 1.0, ["vehicle"] = 1.0, ["ssn"] = 1.0, ["phone"] = 1.0,
        ["fax"] = 1.0, ["email"] = 1.0, ["url"] = 1.0, ["ip"] = 1.0, ["zip"] = 1.0, ["location"] = 1.0,
        ["facility"] = 0.98, ["employer"] = 1.0, ["overall"] = 0.995,
    };

    private static readonly Dictionary<string, double> OwnFloors = new()
    {
        ["name"] = 1.0, ["date"] = 1.0, ["age"] = 1.0, ["identifier"] = 1.0, ["overall"] = 1.0,
    };

    [Fact]
    public void the_helpers_dev_set_keeps_its_recall_per_kind_and_damages_at_most_1_percent_of_the_words_to_keep() =>
        Check("dev.jsonl", DevFloors, keepCeiling: 0.01);

    [Fact]
    public void our_own_set_keeps_its_recall_per_kind_and_damages_at_most_1_percent_of_the_words_to_keep() =>
        Check("own.jsonl", OwnFloors, keepCeiling: 0.01);

    private void Check(string file, Dictionary<string, double> floors, double keepCeiling)
    {
        var repo = CodebookSources.FindRepoRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no Coding.sln above the tests");
        var notes = DeidGold.Load(Path.Combine(repo, "eval", "gold", "deid", file));
        var score = DeidGold.Score(notes, n => new SafeHarborDeidentifier(SafeHarborDeidentifier.DateShiftFor(n.Id)));
        var failures = new List<string>();
        foreach (var k in score.PerKind.Append(score.Overall))
        {
            output.WriteLine($"{k.Kind}: {k.Removed}/{k.Total} ({k.Recall:P1})");
            if (floors.TryGetValue(k.Kind, out var floor) && k.Recall < floor)
                failures.Add($"{k.Kind} {k.Recall:P1} < {floor:P1}");
        }
        Assert.True(floors.Keys.All(k => k == "overall" || score.PerKind.Any(p => p.Kind == k)), "a kind with a floor is missing from the set");
        var damage = (double)score.KeepTouched.Removed / Math.Max(1, score.KeepTouched.Total);
        output.WriteLine($"keep spans touched: {score.KeepTouched.Removed}/{score.KeepTouched.Total}");
        if (damage > keepCeiling)
            failures.Add($"keep damage {damage:P2} > {keepCeiling:P0}");
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }
}
