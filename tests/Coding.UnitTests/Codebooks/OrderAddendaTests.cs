using Coding.Core.Codebooks.Parsing;

namespace Coding.UnitTests.Codebooks;

public class OrderAddendaTests
{
    private static readonly OrderAddenda Addenda = OrderAddendaParser.ReadFile(Fixture.Path("icd10cm_order_addenda_2026_excerpt.txt"));

    [Fact]
    public void reads_actions_flags_and_codes()
    {
        Assert.Contains(Addenda.Entries, e => e is { Action: AddendaAction.Delete, Entry: { Code: "B880", Billable: true } });
        Assert.Contains(Addenda.Entries, e => e is { Action: AddendaAction.Add, Entry: { Code: "B880", Billable: false } });
        Assert.Contains(Addenda.Entries, e => e is { Action: AddendaAction.Add, Entry: { Code: "B8801", Billable: true, LongTitle: "Infestation by Demodex mites" } });
        Assert.Contains(Addenda.Entries, e => e is { Action: AddendaAction.ReviseFrom, Entry.Code: "L02212" });
    }

    [Fact]
    public void reads_the_previous_years_counts_from_the_summary()
    {
        Assert.Equal(2025, Addenda.PreviousYear);
        Assert.Equal(74260, Addenda.PreviousCodes);
        Assert.Equal(23324, Addenda.PreviousHeaders);
    }

    [Fact]
    public void pcs_addenda_lines_have_no_flag_and_a_seven_character_code_is_billable()
    {
        var lines = File.ReadLines(Fixture.Path("icd10pcs_order_2026_excerpt.txt")).Skip(5);
        var pcs = OrderAddendaParser.Read(new StringReader(string.Join('\n', lines)));
        Assert.All(pcs.Entries, e => Assert.Equal(AddendaAction.Add, e.Action));
        Assert.Equal("00H033J", pcs.Entries[0].Entry.Code);
        Assert.True(pcs.Entries[0].Entry.Billable);
        Assert.Equal("Insertion of Infusion Device into Brain, Temporary, Percutaneous Approach", pcs.Entries[0].Entry.LongTitle);
    }

    [Fact]
    public void deriving_the_previous_year_undoes_additions_deletions_and_revisions()
    {
        CodeEntry E(string code, bool billable, string title) => new(code, billable, title, title);
        var current = new[] { E("B88", false, "Other acariasis"), E("B880", false, "Other acariasis"), E("B8801", true, "Infestation by Demodex mites"), E("L02212", true, "Cutaneous abscess of back [any part, except buttock and flank]") };
        var addenda = new OrderAddenda(
        [
            new(AddendaAction.Delete, E("B880", true, "Other acariasis")),
            new(AddendaAction.Add, E("B880", false, "Other acariasis")),
            new(AddendaAction.Add, E("B8801", true, "Infestation by Demodex mites")),
            new(AddendaAction.ReviseFrom, E("L02212", true, "Cutaneous abscess of back [any part, except buttock]")),
        ], PreviousCodes: 2, PreviousHeaders: 1, PreviousYear: 2025);

        var previous = ReleaseDerivation.DerivePrevious(current, addenda);

        Assert.True(previous.MatchesSummary);
        Assert.Equal(["B88", "B880", "L02212"], previous.Entries.Select(e => e.Code));
        Assert.True(previous.Entries.Single(e => e.Code == "B880").Billable);
        Assert.Equal("Cutaneous abscess of back [any part, except buttock]", previous.Entries.Single(e => e.Code == "L02212").LongTitle);
    }

    [Fact]
    public void a_derivation_that_does_not_reproduce_the_summary_says_so()
    {
        var previous = ReleaseDerivation.DerivePrevious([new CodeEntry("A00", false, "Cholera", "Cholera")], new OrderAddenda([], 5, 5, 2025));
        Assert.False(previous.MatchesSummary);
    }
}
