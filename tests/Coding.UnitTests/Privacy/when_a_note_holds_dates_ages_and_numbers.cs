using Coding.Core.Privacy;

namespace Coding.UnitTests.Privacy;

public sealed class when_a_note_holds_dates_ages_and_numbers
{
    private static string Deid(string text) => new SafeHarborDeidentifier(17).Deidentify(text).Text;

    [Fact]
    public void dates_shift_by_one_offset_in_their_own_form_so_intervals_survive() =>
        Assert.Equal(
            "Admitted [DATE+shift 01/16/2026], discharged [DATE+shift 21-Jan-2026], seen [DATE+shift 2026-03-16T08:30] and [DATE+shift March 20, 2026].",
            Deid("Admitted 12/30/2025, discharged 04-Jan-2026, seen 2026-02-27T08:30 and March 3, 2026."));

    [Theory]
    [InlineData("Last seen here 3/9 for palpitations.", "3/9")]
    [InlineData("Seen at urgent care on Jun 16.", "Jun 16")]
    [InlineData("Labs 07.06.2023 and again 20230712.", "07.06.2023")]
    [InlineData("Labs 07.06.2023 and again 20230712.", "20230712")]
    [InlineData("Missed treatment (Wednesday, October 15).", "Wednesday, October 15")]
    [InlineData("Symptoms since the 5th; worse in March 2025.", "5th")]
    [InlineData("Symptoms since the 5th; worse in March 2025.", "March 2025")]
    public void partial_and_compact_dates_are_replaced_whole(string note, string date)
    {
        var at = note.IndexOf(date, StringComparison.Ordinal);
        var found = new SafeHarborDeidentifier(17).Deidentify(note).Found;
        Assert.Contains(found, f => f.Kind == PhiKind.Date && f.Start <= at && f.End >= at + date.Length);
    }

    [Theory]
    [InlineData("Ms. Bell is a 96-year-old woman.", "96")]
    [InlineData("Pt is a man aged 98.", "98")]
    [InlineData("Age: 101", "101")]
    [InlineData("She is 93yo and lives alone.", "93")]
    [InlineData("A ninety-seven-year-old man.", "seven")]
    [InlineData("Pt is a 102 y.o. female.", "102")]
    public void ages_over_89_become_90_or_older(string note, string age)
    {
        var text = Deid(note);
        Assert.Contains("[AGE 90 or older]", text, StringComparison.Ordinal);
        Assert.DoesNotContain(age, text, StringComparison.Ordinal);
    }

    [Fact]
    public void younger_ages_and_clinical_numbers_stay() =>
        Assert.Equal("A 67-year-old man, BP 130/79, HR 80, SpO2 97%, carbidopa-levodopa 25/100, 5/5 strength.",
            Deid("A 67-year-old man, BP 130/79, HR 80, SpO2 97%, carbidopa-levodopa 25/100, 5/5 strength."));

    [Theory]
    [InlineData("SSN 123 45 6789 on file.", "6789")]
    [InlineData("Medicare MBI 1EG4 TE5 MK72 verified.", "MK72")]
    [InlineData("FIN 74366967 Enc# 2025-396494", "396494")]
    [InlineData("Pennsylvania tag JDS 4203, VIN 1HGCM82633A004352.", "4203")]
    [InlineData("Call 6175550142 or 555-0142.", "0142")]
    [InlineData("Mailing address PO Box 4412, RR 2 Box 14.", "4412")]
    public void identifiers_with_any_label_or_none_are_removed(string note, string part) =>
        Assert.DoesNotContain(part, Deid(note), StringComparison.Ordinal);
}
