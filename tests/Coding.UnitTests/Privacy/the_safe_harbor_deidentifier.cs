using Coding.Core.Privacy;
using Xunit.Abstractions;

namespace Coding.UnitTests.Privacy;

public sealed class the_safe_harbor_deidentifier(ITestOutputHelper output)
{
    private static readonly SafeHarborDeidentifier Deid = new(dateShiftDays: 17);

    [Fact]
    public void removes_at_least_95_percent_of_the_labelled_identifiers_in_the_synthetic_set()
    {
        var total = 0;
        var leaked = new List<string>();
        var falsePositives = 0;
        foreach (var note in SyntheticPhiNotes.All)
        {
            var result = Deid.Deidentify(note.Text);
            foreach (var id in note.Identifiers)
            {
                total++;
                // Removed = no found span leaves any of it in place, and the text itself is gone from the output.
                var covered = result.Found.Any(f => f.Start <= id.Start && f.End >= id.End);
                if (!covered || result.Text.Contains(id.Value, StringComparison.Ordinal))
                    leaked.Add($"{id.Kind}: {id.Value}");
            }
            foreach (var f in result.Found.Where(f => !note.Identifiers.Any(i => f.Start < i.End && i.Start < f.End)))
            {
                falsePositives++;
                output.WriteLine($"removed but not an identifier: {f.Kind} '{note.Text[f.Start..f.End]}'");
            }
        }
        var recall = 1.0 - (double)leaked.Count / total;
        output.WriteLine($"identifier recall {recall:P1} ({total - leaked.Count}/{total}); spans outside any label: {falsePositives}");
        foreach (var l in leaked)
            output.WriteLine($"leaked {l}");
        Assert.True(recall >= 0.95, $"identifier recall {recall:P1} ({total - leaked.Count}/{total}) is below 95%; leaked: {string.Join("; ", leaked)}");
        Assert.True(falsePositives <= 3, $"{falsePositives} spans were removed that are not identifiers");
    }

    [Fact]
    public void keeps_the_clinical_content()
    {
        var text = Deid.Deidentify(SyntheticPhiNotes.All[0].Text).Text;
        Assert.Contains("type 2 diabetes mellitus", text, StringComparison.Ordinal);
        Assert.Contains("[NAME]", text, StringComparison.Ordinal);
        Assert.Contains("[MRN]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void shifts_dates_by_one_offset_so_intervals_survive()
    {
        var text = Deid.Deidentify("Admitted 12/30/2025, discharged 01/04/2026, seen again 2026-02-27 and on March 3, 2026.").Text;
        Assert.Equal("Admitted 01/16/2026, discharged 01/21/2026, seen again 2026-03-16 and on March 20, 2026.", text);
    }

    [Fact]
    public void the_shift_is_stable_per_encounter_and_never_zero()
    {
        var id = Guid.Parse("6f1c1f3e-8d0a-4a8e-9d7e-2b1c9e0f4a11");
        Assert.Equal(SafeHarborDeidentifier.DateShiftFor(id), SafeHarborDeidentifier.DateShiftFor(id));
        Assert.All(Enumerable.Range(0, 200).Select(_ => SafeHarborDeidentifier.DateShiftFor(Guid.NewGuid())), d => Assert.InRange(Math.Abs(d), 1, 365));
    }

    [Fact]
    public void ages_over_89_are_aggregated_and_younger_ages_kept()
    {
        Assert.Contains("[AGE 90+]", Deid.Deidentify("A 93-year-old man.").Text, StringComparison.Ordinal);
        Assert.Equal("A 67-year-old man.", Deid.Deidentify("A 67-year-old man.").Text);
    }
}
