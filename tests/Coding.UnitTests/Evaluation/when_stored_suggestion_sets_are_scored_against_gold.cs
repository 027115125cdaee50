using Coding.Core.Encounters;
using Coding.Core.Evaluation;
using Coding.Core.Suggestions;

namespace Coding.UnitTests.Evaluation;

/// <summary>
/// Gold (lead first): N1 outpatient {E11.42*, I10, E78.5}; N2 emergency {S93.491A*, W00.0XXA}; N3 inpatient {J13*, J44.0};
/// N4 inpatient {A41.51*, N10, PCS 0T9030Z}; N5 outpatient {R51.9*} has no encounter in the run.
/// Stored (lead first where it has one): N1 [E11.42*, I10, R20.2]; N2 [S93.491D*, W00.0XXA]; N3 [] (an empty set);
/// N4 [N10*, A41.51]; X-9 [I10] has no gold.
/// Full code: N1 TP 2 FP 1 (R20.2) FN 1 (E78.5); N2 TP 2 (S93.491D is S93.491A without the encounter character);
/// N3 FN 2; N4 TP 2 (the PCS code is not ICD-10-CM). Micro TP 6 FP 1 FN 3: P 6/7, R 6/9, F1 12/16.
/// Strict: N2 becomes TP 1 FP 1 FN 1, so TP 5 FP 2 FN 4: P 5/7, R 5/9, F1 10/16.
/// Lead: N1 right; N2 wrong (S93.491D is not S93.491A); N3 none stored; N4 the wrong code leads: 1 of 4.
/// Suggestions 3 + 2 + 0 + 2 = 7 over 4 notes; gold ICD-10-CM codes 3 + 2 + 2 + 2 = 9.
/// </summary>
public class when_stored_suggestion_sets_are_scored_against_gold
{
    private const double Precision = 1e-12;

    private static readonly IReadOnlyList<GoldDocument> GoldNotes =
    [
        Note("N1", CareSetting.Outpatient, "E11.42", "I10", "E78.5"),
        Note("N2", CareSetting.Emergency, "S93.491A", "W00.0XXA"),
        Note("N3", CareSetting.Inpatient, "J13", "J44.0"),
        WithProcedure(Note("N4", CareSetting.Inpatient, "A41.51", "N10"), "0T9030Z"),
        Note("N5", CareSetting.Outpatient, "R51.9"),
    ];

    private static readonly Dictionary<string, IReadOnlyList<StoredCode>> Stored = new(StringComparer.Ordinal)
    {
        ["N1"] = [Lead("E11.42"), new("I10"), new("R20.2")],
        ["N2"] = [Lead("S93.491D"), new("W00.0XXA")],
        ["N3"] = [],
        ["N4"] = [new("N10", DiagnosisRole.Principal), new("A41.51")],
        ["X-9"] = [new("I10")],
    };

    private static StoredSetScore Score => StoredSetScore.Of(GoldNotes, Stored);

    [Fact]
    public void micro_counts_pool_every_note_of_the_run_at_full_code()
    {
        var all = Score.All;

        Assert.Equal(new ConfusionCounts(6, 1, 3), all.Full);
        Assert.Equal(6.0 / 7, all.Full.Precision, Precision);
        Assert.Equal(6.0 / 9, all.Full.Recall, Precision);
        Assert.Equal(12.0 / 16, all.Full.F1, Precision);
        Assert.Equal(4, all.Notes);
    }

    [Fact]
    public void the_strict_figure_compares_the_seventh_character()
    {
        var n2 = Score.Notes.Single(n => n.ExternalId == "N2");

        Assert.Equal(new ConfusionCounts(2, 0, 0), n2.Full);
        Assert.Equal(new ConfusionCounts(1, 1, 1), n2.Strict);
        Assert.Equal(new ConfusionCounts(5, 2, 4), Score.All.Strict);
        Assert.Equal(10.0 / 16, Score.All.Strict.F1, Precision);
    }

    [Fact]
    public void a_note_whose_set_holds_nothing_adds_only_false_negatives()
    {
        var n3 = Score.Notes.Single(n => n.ExternalId == "N3");

        Assert.Equal(new ConfusionCounts(0, 0, 2), n3.Full);
        Assert.Equal(["J13", "J44.0"], n3.Missed);
        Assert.Empty(n3.Extra);
        Assert.Null(n3.Lead);
        Assert.False(n3.LeadCorrect);
    }

    [Fact]
    public void the_lead_is_right_only_when_the_stored_principal_or_first_listed_code_is_the_gold_lead()
    {
        Assert.Equal([true, false, false, false], Score.Notes.Select(n => n.LeadCorrect));
        Assert.Equal("N10", Score.Notes.Single(n => n.ExternalId == "N4").Lead);
        Assert.Equal((1, 4), (Score.All.LeadCorrect, Score.All.LeadGold));
        Assert.Equal(0.25, Score.All.LeadAccuracy);
    }

    [Fact]
    public void a_gold_note_that_names_no_lead_is_left_out_of_the_lead_figure()
    {
        var gold = new[] { new GoldDocument("N1", "", [new GoldCode(GoldJsonl.Icd10Cm, "I10", [])], CareSetting.Outpatient) };

        var score = StoredSetScore.Of(gold, new Dictionary<string, IReadOnlyList<StoredCode>> { ["N1"] = [Lead("I10")] });

        Assert.Null(score.Notes[0].LeadCorrect);
        Assert.Equal((0, 0), (score.All.LeadCorrect, score.All.LeadGold));
        Assert.Null(score.All.LeadAccuracy);
    }

    [Fact]
    public void each_note_lists_the_codes_it_missed_and_the_extra_ones_it_stored()
    {
        var n1 = Score.Notes.Single(n => n.ExternalId == "N1");

        Assert.Equal(new ConfusionCounts(2, 1, 1), n1.Full);
        Assert.Equal(["E78.5"], n1.Missed);
        Assert.Equal(["R20.2"], n1.Extra);
        Assert.Equal(["N1", "N2", "N3", "N4"], Score.Notes.Select(n => n.ExternalId));
    }

    [Fact]
    public void suggestions_per_note_count_every_stored_code_of_the_scored_notes()
    {
        Assert.Equal(7, Score.All.Suggestions);
        Assert.Equal(1.75, Score.All.SuggestionsPerNote, Precision);
        Assert.Equal(9, Score.All.GoldCodes);
    }

    [Fact]
    public void each_setting_is_scored_apart_in_care_setting_order()
    {
        var settings = Score.Settings;

        Assert.Equal(["outpatient", "inpatient", "emergency"], settings.Select(s => s.Setting));
        var inpatient = settings[1];
        Assert.Equal(2, inpatient.Notes);
        Assert.Equal(new ConfusionCounts(2, 0, 2), inpatient.Full);
        Assert.Equal((0, 2), (inpatient.LeadCorrect, inpatient.LeadGold));
        Assert.Equal(1.0, inpatient.SuggestionsPerNote, Precision);
        Assert.Equal(new ConfusionCounts(1, 1, 1), settings[2].Strict);
    }

    [Fact]
    public void gold_notes_outside_the_run_and_run_notes_outside_the_gold_are_counted_not_scored()
    {
        Assert.Equal(1, Score.GoldNotesNotInRun);
        Assert.Equal(1, Score.RunNotesNotInGold);
        Assert.DoesNotContain(Score.Notes, n => n.ExternalId is "N5" or "X-9");
    }

    [Fact]
    public void codes_compare_ignoring_case_and_dot()
    {
        var gold = new[] { Note("N1", CareSetting.Outpatient, "E11.42", "I10") };

        var score = StoredSetScore.Of(gold, new Dictionary<string, IReadOnlyList<StoredCode>> { ["N1"] = [Lead("e1142"), new("i10")] });

        Assert.Equal(new ConfusionCounts(2, 0, 0), score.All.Full);
        Assert.True(score.Notes[0].LeadCorrect);
    }

    private static GoldDocument Note(string id, CareSetting setting, string lead, params string[] secondary) =>
        new(id, "", [new GoldCode(GoldJsonl.Icd10Cm, lead, [], setting.LeadRole()), .. secondary.Select(Secondary)], setting);

    private static GoldCode Secondary(string code) => new(GoldJsonl.Icd10Cm, code, []);

    private static GoldDocument WithProcedure(GoldDocument note, string pcs) =>
        note with { Codes = [.. note.Codes, new GoldCode(GoldJsonl.Icd10Pcs, pcs, [])] };

    private static StoredCode Lead(string code) => new(code, DiagnosisRole.FirstListed);
}
