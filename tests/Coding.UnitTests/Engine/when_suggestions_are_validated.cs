using Coding.Core.Encounters;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Priors;
using Coding.Core.Engine.Validation;

namespace Coding.UnitTests.Engine;

public class when_suggestions_are_validated
{
    private static Candidate Candidate(string code, double confidence) =>
        new(code, code, EngineFixture.Lexicon.Code(code)!.Title) { Confidence = confidence, Score = confidence };

    private static Candidate MentionedAt(Candidate candidate, int start)
    {
        candidate.Mentions.Add(new(new TermMatch(0, 0, start, start + 20, [0]), "key", Coding.Core.Codebooks.TermKind.Title,
            Coding.Core.Engine.Preparation.SectionKind.Unknown, Coding.Core.Engine.Preparation.AssertionStatus.Present, Learned: false));
        return candidate;
    }

    private static ValidationResult Validate(int? age, PatientSex sex, params Candidate[] ranked) =>
        SuggestionValidator.Validate(ranked, EngineFixture.Lexicon, age, sex);

    [Fact]
    public void of_two_codes_read_from_the_same_words_that_exclude_each_other_the_lower_ranked_is_removed()
    {
        // E11's Excludes1 names gestational diabetes (O24.4-); "gestational diabetes" leads to both.
        var result = Validate(30, PatientSex.Female, MentionedAt(Candidate("E119", 0.9), start: 10), MentionedAt(Candidate("O24410", 0.6), start: 10));

        Assert.Equal(["E119"], result.Kept.Select(c => c.Code));
        Assert.Contains(result.Removed, r => r.Candidate.Code == "O24410" && r.Reason.StartsWith("excludes1", StringComparison.Ordinal));
    }

    [Fact]
    public void the_exclusion_holds_whichever_code_ranks_first()
    {
        var result = Validate(30, PatientSex.Female, MentionedAt(Candidate("O24410", 0.9), start: 10), MentionedAt(Candidate("E119", 0.6), start: 15));

        Assert.Equal(["O24410"], result.Kept.Select(c => c.Code));
    }

    [Fact]
    public void codes_that_exclude_each_other_are_both_kept_when_each_has_its_own_mention()
    {
        // Guidelines I.A.12.a: an Excludes1 pair may be reported together when the two conditions are unrelated. R19.7
        // (diarrhea NOS) is excluded by K52's note; "diarrhea" in the history and "colitis" in the assessment are two statements.
        var lexicon = new Coding.Core.Engine.Lexicon.TermLexicon(Coding.Core.Suggestions.CodeSystem.Icd10Cm, "2026",
            [new("K529", "Noninfective gastroenteritis and colitis, unspecified", true, "K52"), new("R197", "Diarrhea, unspecified", true, "R19")], [],
            [new("K529", Coding.Core.Engine.Lexicon.LexiconNoteKind.Excludes1, "diarrhea NOS (R19.7)")]);
        Candidate Of(string code, string title, double confidence, int start) =>
            MentionedAt(new Candidate(code, code, title) { Confidence = confidence, Score = confidence }, start);

        var apart = SuggestionValidator.Validate([Of("R197", "Diarrhea, unspecified", 0.9, 10), Of("K529", "Noninfective gastroenteritis and colitis, unspecified", 0.8, 200)], lexicon, null, PatientSex.Unknown);
        var together = SuggestionValidator.Validate([Of("R197", "Diarrhea, unspecified", 0.9, 10), Of("K529", "Noninfective gastroenteritis and colitis, unspecified", 0.8, 15)], lexicon, null, PatientSex.Unknown);

        Assert.Equal(["K529", "R197"], apart.Kept.Select(c => c.Code).Order(StringComparer.Ordinal));
        Assert.Equal(["R197"], together.Kept.Select(c => c.Code));
    }

    [Theory]
    [InlineData("any condition in I51.4-I51.9 due to hypertension (I11.-)", "I11")]
    [InlineData("pneumoconiosis with tuberculosis, any type in A15 (J65)", "J65")]
    [InlineData("vitamin B12 deficiency anemia (D51.-)", "D51")]
    [InlineData("tendinitis as classified in M75-M77", "M75 M76 M77")]
    [InlineData("acquired absence of knee joint following prior explantation of knee prosthesis (Z89.52-", "Z8952")]
    public void codes_outside_the_parentheses_describe_the_condition_and_name_nothing(string note, string expected)
    {
        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal),
            Coding.Core.Engine.Lexicon.TermLexicon.CodesNamedIn(note).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void an_unspecified_code_is_removed_when_a_more_specific_code_of_its_category_is_kept()
    {
        var result = Validate(null, PatientSex.Unknown, Candidate("R502", 0.8), Candidate("R509", 0.7));

        Assert.Equal(["R502"], result.Kept.Select(c => c.Code));
        Assert.Contains(result.Removed, r => r.Candidate.Code == "R509" && r.Reason.Contains("less specific", StringComparison.Ordinal));
    }

    [Fact]
    public void a_without_complications_code_is_removed_beside_a_better_ranked_coded_complication()
    {
        // Separate mentions ("diabetes" in the history, "with hyperglycemia" in the assessment): not one statement read two ways.
        var without = MentionedAt(Candidate("E119", 0.65), start: 10);
        var complicated = MentionedAt(Candidate("E1165", 0.99), start: 200);

        var result = Validate(58, PatientSex.Female, complicated, without);

        Assert.Equal(["E1165"], result.Kept.Select(c => c.Code));
        Assert.Contains(result.Removed, r => r.Candidate.Code == "E119");
    }

    [Fact]
    public void a_complication_ranked_below_a_without_complications_code_is_removed_instead()
    {
        var without = MentionedAt(Candidate("E119", 0.99), start: 10);
        var complicated = MentionedAt(Candidate("E1165", 0.65), start: 200);

        var result = Validate(58, PatientSex.Female, without, complicated);

        Assert.Equal(["E119"], result.Kept.Select(c => c.Code));
        Assert.Contains(result.Removed, r => r.Candidate.Code == "E1165" && r.Reason.StartsWith("contradicted by E119", StringComparison.Ordinal));
    }

    [Fact]
    public void a_without_complications_code_stays_when_no_complication_is_coded()
    {
        var result = Validate(58, PatientSex.Female, Candidate("E119", 0.99), Candidate("I10", 0.9));

        Assert.Contains(result.Kept, c => c.Code == "E119");
    }

    [Theory]
    [InlineData("N400", 60, PatientSex.Female, false)]
    [InlineData("N400", 60, PatientSex.Male, true)]
    [InlineData("N400", 60, PatientSex.Unknown, true)]
    [InlineData("O24410", 30, PatientSex.Male, false)]
    [InlineData("O24410", 70, PatientSex.Female, false)]
    [InlineData("O24410", 30, PatientSex.Female, true)]
    [InlineData("O24410", null, PatientSex.Unknown, true)]
    public void a_code_that_conflicts_with_the_patients_age_or_sex_is_removed(string code, int? age, PatientSex sex, bool kept)
    {
        var result = Validate(age, sex, Candidate(code, 0.9));

        Assert.Equal(kept, result.Kept.Any(c => c.Code == code));
    }

    [Fact]
    public void a_header_resolves_to_a_billable_child_and_an_unknown_code_to_nothing()
    {
        var lexicon = EngineFixture.Lexicon;

        Assert.Equal("E119", BillableResolver.Resolve("E11", lexicon, CodingPriors.Empty));
        Assert.Equal("J189", BillableResolver.Resolve("J18", lexicon, CodingPriors.Empty));
        Assert.Equal("I10", BillableResolver.Resolve("I10", lexicon, CodingPriors.Empty));
        Assert.Null(BillableResolver.Resolve("Z98", lexicon, CodingPriors.Empty));
    }

    [Fact]
    public void the_child_most_often_gold_in_training_is_preferred()
    {
        var priors = new CodingPriors { GoldFrequency = new() { ["E1165"] = 5 } };

        Assert.Equal("E1165", BillableResolver.Resolve("E11", EngineFixture.Lexicon, priors));
    }

    [Fact]
    public void a_range_of_categories_in_a_note_names_every_category_between()
    {
        Assert.Equal(["E08", "E09", "E10", "E11", "E12", "E13"], Coding.Core.Engine.Lexicon.TermLexicon.CodesNamedIn("diabetes mellitus (E08-E13)").Distinct());
    }

    [Theory]
    [InlineData("coma: diabetic (E08-E13 with .01, .11, .641)", "E0801 E0811 E08641 E0901 E0911 E09641 E1001 E1011 E10641 E1101 E1111 E11641 E1201 E1211 E12641 E1301 E1311 E13641")]
    [InlineData("diabetic (peripheral) angiopathy (E08-E13 with .51-.52)", "E0851 E0852 E0951 E0952 E1051 E1052 E1151 E1152 E1251 E1252 E1351 E1352")]
    [InlineData("skin disorders in diabetes (E08-E13 with .62-)", "E0862 E0962 E1062 E1162 E1262 E1362")]
    [InlineData("diabetic acidosis - see categories E08-E10, E11, E13 with ketoacidosis", "")]
    [InlineData("hypoglycemia in diabetes mellitus (E08-E13 with .64-) neonatal hypoglycemia (P70.4)", "E0864 E0964 E1064 E1164 E1264 E1364 P704")]
    public void categories_qualified_by_with_name_only_the_subcategories_given(string note, string expected)
    {
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
            Coding.Core.Engine.Lexicon.TermLexicon.CodesNamedIn(note).Distinct().Order(StringComparer.Ordinal));
    }
}
