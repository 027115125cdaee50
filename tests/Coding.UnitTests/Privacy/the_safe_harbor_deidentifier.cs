using Coding.Core.Privacy;
using Xunit.Abstractions;

namespace Coding.UnitTests.Privacy;

public sealed class the_safe_harbor_deidentifier(ITestOutputHelper output)
{
    private static readonly SafeHarborDeidentifier Deid = new(dateShiftDays: 17);

    [Fact]
    public void removes_every_labelled_identifier_of_the_thirty_short_notes()
    {
        var leaked = new List<string>();
        var total = 0;
        foreach (var note in SyntheticPhiNotes.All)
        {
            var result = Deid.Deidentify(note.Text);
            foreach (var id in note.Identifiers)
            {
                total++;
                if (!result.Found.Any(f => f.Start <= id.Start && f.End >= id.End) || result.Text.Contains(id.Value, StringComparison.Ordinal))
                    leaked.Add($"{id.Kind}: {id.Value}");
            }
        }
        foreach (var l in leaked)
            output.WriteLine($"leaked {l}");
        Assert.True(leaked.Count == 0, $"{leaked.Count}/{total} leaked: {string.Join("; ", leaked)}");
    }

    [Fact]
    public void keeps_the_clinical_content_and_types_every_replacement()
    {
        var text = Deid.Deidentify(SyntheticPhiNotes.All[0].Text).Text;
        Assert.Contains("type 2 diabetes mellitus", text, StringComparison.Ordinal);
        Assert.Contains("[NAME]", text, StringComparison.Ordinal);
        Assert.Contains("[ID]", text, StringComparison.Ordinal);
        Assert.Contains("[DATE+shift 04/29/1958]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void the_shift_is_stable_per_encounter_and_never_zero()
    {
        var id = Guid.Parse("6f1c1f3e-8d0a-4a8e-9d7e-2b1c9e0f4a11");
        Assert.Equal(SafeHarborDeidentifier.DateShiftFor(id), SafeHarborDeidentifier.DateShiftFor(id));
        Assert.All(Enumerable.Range(0, 200).Select(_ => SafeHarborDeidentifier.DateShiftFor(Guid.NewGuid())), d => Assert.InRange(Math.Abs(d), 1, 365));
    }

    [Fact]
    public void the_report_counts_what_was_removed_by_kind()
    {
        var result = Deid.Deidentify("Seen by Dr. Okafor on 3/4/2026; call (617) 555-0142 or (617) 555-0199.");
        Assert.Equal(1, result.Counts[PhiKind.Name]);
        Assert.Equal(1, result.Counts[PhiKind.Date]);
        Assert.Equal(2, result.Counts[PhiKind.Phone]);
    }
}
