using Coding.Core.Engine.Preparation;

namespace Coding.UnitTests.Engine;

public class when_a_note_is_prepared
{
    private const string ClinicNote =
        "CHIEF COMPLAINT: Follow-up of diabetes.\n" +
        "HISTORY OF PRESENT ILLNESS: 58-year-old woman with type 2 diabetes mellitus on metformin. She reports tingling in both feet. No chest pain.\n" +
        "PAST MEDICAL HISTORY: Essential hypertension. Hyperlipidemia.\n" +
        "MEDICATIONS: Metformin 1000 mg twice daily, lisinopril 20 mg daily.\n" +
        "EXAM: BP 148/92. Monofilament sensation decreased bilaterally.\n" +
        "ASSESSMENT: 1. Type 2 diabetes mellitus with diabetic polyneuropathy. 2. Essential hypertension, not at goal. 3. Hyperlipidemia.\n" +
        "PLAN: Increase lisinopril to 40 mg. HbA1c today. Return in 3 months.";

    private static string[] SentenceTexts(string text) =>
        NotePreparer.Prepare(text).Sentences.Select(s => text[s.Start..s.End]).ToArray();

    [Fact]
    public void each_header_opens_a_section_of_its_kind_in_note_order()
    {
        var note = NotePreparer.Prepare(ClinicNote);

        Assert.Equal(
            [SectionKind.ChiefComplaint, SectionKind.HistoryOfPresentIllness, SectionKind.PastMedicalHistory, SectionKind.Medications,
             SectionKind.PhysicalExam, SectionKind.Assessment, SectionKind.Plan],
            note.Sections.Select(s => s.Kind));
    }

    [Fact]
    public void a_section_runs_from_its_header_to_the_next_header_and_its_body_starts_after_the_colon()
    {
        var note = NotePreparer.Prepare(ClinicNote);
        var pmh = note.Sections.Single(s => s.Kind == SectionKind.PastMedicalHistory);

        Assert.Equal("PAST MEDICAL HISTORY", pmh.Label);
        Assert.Equal(ClinicNote.IndexOf("PAST MEDICAL HISTORY:", StringComparison.Ordinal), pmh.Start);
        Assert.Equal(" Essential hypertension. Hyperlipidemia.", ClinicNote[pmh.BodyStart..pmh.End]);
        Assert.Same(pmh, note.SectionAt(ClinicNote.IndexOf("Hyperlipidemia.", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("HPI: cough for 3 days", SectionKind.HistoryOfPresentIllness)]
    [InlineData("Hx: cough", SectionKind.HistoryOfPresentIllness)]
    [InlineData("PMH: asthma", SectionKind.PastMedicalHistory)]
    [InlineData("Past Medical History: asthma", SectionKind.PastMedicalHistory)]
    [InlineData("PSH: appendectomy", SectionKind.PastSurgicalHistory)]
    [InlineData("FH: diabetes", SectionKind.FamilyHistory)]
    [InlineData("Family History: diabetes", SectionKind.FamilyHistory)]
    [InlineData("SH: smoker", SectionKind.SocialHistory)]
    [InlineData("ROS: negative", SectionKind.ReviewOfSystems)]
    [InlineData("Allergies: penicillin", SectionKind.Allergies)]
    [InlineData("Physical Examination: normal", SectionKind.PhysicalExam)]
    [InlineData("Imaging: chest X-ray clear", SectionKind.Results)]
    [InlineData("Labs: Hb 13", SectionKind.Results)]
    [InlineData("WORKUP: serial troponins negative", SectionKind.Results)]
    [InlineData("Findings: consolidation", SectionKind.Results)]
    [InlineData("A/P: pneumonia", SectionKind.Assessment)]
    [InlineData("Assessment and Plan: pneumonia", SectionKind.Assessment)]
    [InlineData("Impression: pneumonia", SectionKind.Assessment)]
    [InlineData("Dx: pneumonia", SectionKind.Diagnoses)]
    [InlineData("DISCHARGE DIAGNOSES: pneumonia", SectionKind.Diagnoses)]
    [InlineData("Differential diagnosis: migraine", SectionKind.DifferentialDiagnosis)]
    [InlineData("PROCEDURES: appendectomy", SectionKind.Procedures)]
    [InlineData("Hospital Course: uneventful", SectionKind.HospitalCourse)]
    [InlineData("CC: chest pain", SectionKind.ChiefComplaint)]
    [InlineData("Medications on admission: aspirin", SectionKind.Medications)]
    [InlineData("ASSESSMENT\npneumonia", SectionKind.Assessment)]
    [InlineData("## Assessment\npneumonia", SectionKind.Assessment)]
    [InlineData("**Plan:** rest", SectionKind.Plan)]
    public void common_headers_and_abbreviations_are_recognised_case_insensitively(string text, SectionKind expected)
    {
        var note = NotePreparer.Prepare(text);

        Assert.Equal(expected, note.Sections[0].Kind);
    }

    [Fact]
    public void a_header_after_a_sentence_on_the_same_line_opens_a_section()
    {
        var note = NotePreparer.Prepare("CC: chest pain. HPI: started this morning.");

        Assert.Equal([SectionKind.ChiefComplaint, SectionKind.HistoryOfPresentIllness], note.Sections.Select(s => s.Kind));
    }

    [Theory]
    [InlineData("Physical examination revealed: Ta 40.2 C")]
    [InlineData("Hemogram: Hb 13.7 g/dl")]
    [InlineData("The patient was seen. Plan was discussed with the family.")]
    public void a_colon_after_words_that_name_no_section_is_not_a_header(string text)
    {
        var note = NotePreparer.Prepare(text);

        Assert.All(note.Sections, s => Assert.Equal(SectionKind.Unknown, s.Kind));
    }

    [Fact]
    public void text_before_the_first_header_is_an_unknown_section()
    {
        var note = NotePreparer.Prepare("Seen today.\nPLAN: rest.");

        Assert.Equal(SectionKind.Unknown, note.Sections[0].Kind);
        Assert.Equal("Seen today.", "Seen today.\nPLAN: rest."[note.Sections[0].Start..note.Sections[0].End]);
    }

    [Fact]
    public void titles_latin_abbreviations_and_decimals_do_not_end_a_sentence()
    {
        Assert.Equal(
            ["Seen by Dr. Smith for e.g. Crohn's disease with creatinine 1.6 mg/dl today.", "She is stable."],
            SentenceTexts("Seen by Dr. Smith for e.g. Crohn's disease with creatinine 1.6 mg/dl today. She is stable."));
    }

    [Fact]
    public void a_unit_abbreviation_followed_by_a_capitalised_word_ends_a_sentence()
    {
        Assert.Equal(["Increase lisinopril to 40 mg.", "HbA1c today."], SentenceTexts("Increase lisinopril to 40 mg. HbA1c today."));
    }

    [Fact]
    public void list_numbers_stay_with_their_item_and_the_header_is_a_sentence_of_its_own()
    {
        Assert.Equal(
            ["ASSESSMENT:", "1. Type 2 diabetes mellitus.", "2. Essential hypertension, not at goal.", "3. Hyperlipidemia."],
            SentenceTexts("ASSESSMENT: 1. Type 2 diabetes mellitus. 2. Essential hypertension, not at goal. 3. Hyperlipidemia."));
    }

    [Fact]
    public void line_breaks_end_sentences_in_list_like_notes()
    {
        Assert.Equal(["Fever", "Cough", "- Dyspnea on exertion"], SentenceTexts("Fever\nCough\r\n\n- Dyspnea on exertion\n"));
    }

    [Fact]
    public void a_line_wrapped_mid_sentence_is_joined()
    {
        Assert.Equal(["The patient has a long history\nof hypertension."], SentenceTexts("The patient has a long history\nof hypertension."));
    }

    [Fact]
    public void sentence_ids_are_their_positions_and_tokens_point_back_to_them()
    {
        var note = NotePreparer.Prepare(ClinicNote);

        Assert.Equal(Enumerable.Range(0, note.Sentences.Count), note.Sentences.Select(s => s.Id));
        Assert.All(note.Sentences, s => Assert.All(note.TokensOf(s).ToArray(), t => Assert.Equal(s.Id, t.SentenceId)));
        var plan = note.Sentences.Single(s => ClinicNote[s.Start..s.End] == "HbA1c today.");
        Assert.Equal(SectionKind.Plan, note.Sections[plan.SectionIndex].Kind);
    }

    [Fact]
    public void an_abbreviation_token_keeps_its_own_offsets_and_carries_its_expansion()
    {
        const string text = "PMH: HTN, DM and a-fib.";
        var note = NotePreparer.Prepare(text);

        var htn = note.Tokens.Single(t => t.Norm == "htn");
        Assert.Equal("HTN", text[htn.Start..htn.End]);
        Assert.Equal(["hypertension"], htn.MatchKeys);
        Assert.Equal(["diabetes", "mellitus"], note.Tokens.Single(t => t.Norm == "dm").MatchKeys);
        var afib = note.Tokens.Single(t => t.Norm == "a-fib");
        Assert.Equal("a-fib", text[afib.Start..afib.End]);
        Assert.Equal(["atrial", "fibrillation"], afib.MatchKeys);
    }

    [Fact]
    public void tokens_are_lower_cased_folded_and_keyed_for_matching()
    {
        const string text = "Sjögren's syndrome, Allergies, 14.610 leukocytes, r/o UTI.";
        var tokens = NotePreparer.Prepare(text).Tokens;

        Assert.Equal(
            ["Sjögren's", "syndrome", ",", "Allergies", ",", "14.610", "leukocytes", ",", "r/o", "UTI", "."],
            tokens.Select(t => text[t.Start..t.End]));
        Assert.Equal(["sjogren's", "syndrome", ",", "allergies", ",", "14.610", "leukocytes", ",", "r/o", "uti", "."], tokens.Select(t => t.Norm));
        Assert.Equal(["sjogren", "syndrome", ",", "allergy", ",", "14.610", "leukocyte", ",", "r/o", "uti", "."], tokens.Select(t => t.Key));
        Assert.Equal(TokenKind.Number, tokens[5].Kind);
    }

    [Theory]
    [InlineData("allergies", "allergy")]
    [InlineData("stenoses", "stenosis")]
    [InlineData("kidneys", "kidney")]
    [InlineData("abscesses", "abscess")]
    [InlineData("vertebrae", "vertebra")]
    [InlineData("emboli", "embolus")]
    [InlineData("diabetes", "diabetes")]
    [InlineData("mellitus", "mellitus")]
    [InlineData("pelvis", "pelvis")]
    [InlineData("crohn's", "crohn")]
    [InlineData("feet", "foot")]
    [InlineData("aids", "aids")]
    public void plural_and_possessive_endings_are_removed_from_keys(string folded, string key)
    {
        Assert.Equal(key, TermNormalizer.Key(folded));
    }

    [Theory]
    [InlineData("slipped", "slipping")]
    [InlineData("tripped", "tripping")]
    [InlineData("fell", "fall")]
    [InlineData("falling", "fall")]
    [InlineData("bitten", "bite")]
    public void the_external_cause_index_verbs_key_as_their_main_term_whatever_the_tense(string folded, string key)
    {
        // "slipped on a patch of ice" meets the Index's "Slipping, on, ice" (W00.0).
        Assert.Equal(key, TermNormalizer.Key(folded));
    }

    [Fact]
    public void codebook_phrases_get_the_same_keys_as_note_tokens()
    {
        Assert.Equal(["type", "2", "diabetes", "mellitus", "with", "diabetic", "polyneuropathy"],
            TermNormalizer.Keys("Type 2 diabetes mellitus with diabetic polyneuropathy"));
    }
}
