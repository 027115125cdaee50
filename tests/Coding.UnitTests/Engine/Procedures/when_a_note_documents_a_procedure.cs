using Coding.Core.Encounters;
using Coding.Core.Engine.Preparation;
using Coding.Core.Engine.Procedures;

namespace Coding.UnitTests.Engine.Procedures;

public class when_a_note_documents_a_procedure
{
    private static ProcedureRun Code(string text, CareSetting setting = CareSetting.Inpatient) =>
        ProcedureCoder.Code(NotePreparer.Prepare(text), PcsFixture.Lexicon, PcsFixture.Priors, setting);

    private static ProcedureCandidate? Stem(ProcedureRun run, string stem) => run.Suggested.SingleOrDefault(c => c.Stem == stem);

    [Fact]
    public void a_laparoscopic_appendectomy_is_a_resection_of_the_appendix_by_percutaneous_endoscopic_approach()
    {
        const string text = "The patient underwent a laparoscopic appendectomy without complications.";
        var resection = Stem(Code(text), "0DTJ");
        Assert.NotNull(resection);
        Assert.Equal("0DTJ4ZZ", resection.Code);
        Assert.Equal("appendectomy", text[resection.Mention.Start..resection.Mention.End]);
    }

    [Fact]
    public void a_chest_x_ray_takes_all_seven_characters_from_the_index()
    {
        var xray = Stem(Code("A chest X-ray was obtained on admission."), "BW03");
        Assert.NotNull(xray);
        Assert.Equal("BW03ZZZ", xray.Code);
        Assert.True(xray.Documented);
        Assert.Equal("BW03ZZZ", xray.Written);
    }

    [Fact]
    public void a_ct_of_the_abdomen_and_pelvis_is_the_stem_the_index_gives_and_a_valid_code_under_it()
    {
        const string text = "CT of the abdomen and pelvis showed a 3 cm renal mass.";
        var ct = Stem(Code(text), "BW21");
        Assert.NotNull(ct);
        Assert.Equal("BW21", ct.Written);
        Assert.StartsWith("BW21", ct.Code, StringComparison.Ordinal);
        Assert.True(PcsFixture.Lexicon.IsValid(ct.Code));
        Assert.Null(Stem(Code(text), "BW20"));
    }

    [Fact]
    public void a_table_the_index_stops_at_takes_its_body_part_from_the_notes_site_words()
    {
        // Nephrectomy - see Resection, Urinary System 0TT: the body part is the table row the note names, on its side.
        var run = Code("A left nephrectomy of the kidney was performed.");
        Assert.NotNull(Stem(run, "0TT1"));
        Assert.Null(Stem(run, "0TT0"));
    }

    [Theory]
    [InlineData("No colonoscopy was performed during the stay.")]
    [InlineData("We will schedule a colonoscopy as an outpatient.")]
    [InlineData("Colonoscopy is planned for next month.")]
    [InlineData("Past surgical history: s/p colonoscopy 2010.")]
    [InlineData("History of colonoscopy in 2015.")]
    [InlineData("Her mother had a colonoscopy last year.")]
    public void a_negated_planned_historical_or_relatives_procedure_is_never_coded(string text) =>
        Assert.Empty(Code(text).Candidates);

    [Fact]
    public void a_procedure_performed_is_coded_where_the_same_words_planned_are_not() =>
        Assert.Equal("0DJD8ZZ", Assert.Single(Code("Colonoscopy was performed on day 2.").Suggested).Code);

    [Theory]
    [InlineData("Chest X-ray was negative.")]
    [InlineData("Abdominal ultrasound was suggestive of cholelithiasis.")]
    public void a_result_denied_or_doubted_after_the_test_still_means_the_test_was_done(string text) =>
        Assert.NotEmpty(Code(text).Suggested);

    [Fact]
    public void an_outpatient_note_gets_no_pcs_suggestion()
    {
        var run = Code("A chest X-ray was obtained.", CareSetting.Outpatient);
        Assert.NotEmpty(run.Candidates);
        Assert.Empty(run.Suggested);
    }

    [Fact]
    public void a_parenthesised_phrase_that_is_no_abbreviation_does_not_find_its_main_term_alone()
    {
        // "Resection, Subaortic membrane (Left ventricular outflow tract obstruction)": "left" alone is no mention of it.
        Assert.DoesNotContain(Code("The left knee was swollen.").Candidates, c => c.Stem == "027L");
    }

    [Fact]
    public void every_candidate_is_a_valid_code_of_the_release_and_its_evidence_is_the_notes_text()
    {
        const string text = "Abdominal ultrasound and thoracoabdominal CT were done. A cystoscopy and a transurethral resection of the bladder followed. ECG was normal.";
        var run = Code(text);
        Assert.True(run.Candidates.Count >= 4);
        foreach (var candidate in run.Candidates)
        {
            Assert.True(PcsFixture.Lexicon.IsValid(candidate.Code), candidate.Code);
            Assert.InRange(candidate.Mention.Start, 0, candidate.Mention.End - 1);
            Assert.InRange(candidate.Mention.End, 1, text.Length);
        }
        Assert.Contains(run.Candidates, c => c.Stem == "BW24");
        Assert.Contains(run.Candidates, c => c.Stem == "4A02");
    }
}
