using Coding.Core.Engine.Preparation;

namespace Coding.UnitTests.Engine;

/// <summary>Each case: a note, the mention (its first occurrence, or the one after a '|' marker), the expected status.</summary>
public class when_a_mention_is_asserted
{
    private static Assertion AssertMention(string note, string mention)
    {
        var marker = note.IndexOf('|', StringComparison.Ordinal);
        var text = marker < 0 ? note : note.Remove(marker, 1);
        var start = text.IndexOf(mention, Math.Max(marker, 0), StringComparison.Ordinal);
        Assert.True(start >= 0, $"mention '{mention}' not in note");
        return AssertionDetector.Assert(NotePreparer.Prepare(text), start, start + mention.Length);
    }

    [Theory]
    [InlineData("Patient denies chest pain.", "chest pain")]
    [InlineData("No fever or chills.", "chills")]
    [InlineData("Abdomen soft, without masses.", "masses")]
    [InlineData("CT angiography negative for pulmonary embolism.", "pulmonary embolism")]
    [InlineData("Pulmonary embolism was ruled out.", "Pulmonary embolism")]
    [InlineData("No evidence of pneumonia on chest X-ray.", "pneumonia")]
    [InlineData("She has been free of seizures since March.", "seizures")]
    [InlineData("Pneumonia is unlikely.", "Pneumonia")]
    [InlineData("Blood cultures were negative.", "Blood cultures")]
    [InlineData("Neurological examination revealed no meningeal signs or focality data.", "meningeal signs")]
    [InlineData("Denies loss of consciousness.", "loss of consciousness")]
    [InlineData("Family history negative for colon cancer.", "colon cancer")]
    [InlineData("Retroperitoneal adenopathy was not observed.", "Retroperitoneal adenopathy")]
    [InlineData("Hydronephrosis not seen.", "Hydronephrosis")]
    [InlineData("Serology for hydatidosis, negative.", "hydatidosis")]
    [InlineData("The patient was negative for HIV.", "HIV")]
    [InlineData("DENIES CHEST PAIN.", "CHEST PAIN")]
    [InlineData("Chest pain denied.", "Chest pain")]
    [InlineData("Acute coronary syndrome ruled out.", "Acute coronary syndrome")]
    [InlineData("A transesophageal echocardiography ruled out endocarditis.", "endocarditis")]
    public void a_negation_trigger_in_scope_makes_it_negated(string note, string mention)
    {
        Assert.Equal(AssertionStatus.Negated, AssertMention(note, mention).Status);
    }

    [Fact]
    public void a_negated_family_mention_still_says_whom_it_is_about()
    {
        var assertion = AssertMention("Family history negative for colon cancer.", "colon cancer");

        Assert.Equal(Experiencer.Family, assertion.Experiencer);
        Assert.Equal(new AssertionCue("negative for", 15, 27, AssertionCueSource.Trigger), assertion.Cue);
    }

    [Theory]
    [InlineData("Possible pneumonia in the right lower lobe.", "pneumonia")]
    [InlineData("Suspected appendicitis.", "appendicitis")]
    [InlineData("Ultrasound findings consistent with cholecystitis.", "cholecystitis")]
    [InlineData("Admitted to rule out myocardial infarction.", "myocardial infarction")]
    [InlineData("r/o sepsis", "sepsis")]
    [InlineData("Pneumonia versus atelectasis.", "atelectasis")]
    [InlineData("Malignancy cannot be excluded.", "Malignancy")]
    [InlineData("Probable viral gastroenteritis.", "gastroenteritis")]
    [InlineData("DIFFERENTIAL DIAGNOSIS: Migraine.", "Migraine")]
    [InlineData("ASSESSMENT: Gastroesophageal reflux disease suspected.", "Gastroesophageal reflux")]
    [InlineData("Community-acquired bacterial pneumonia likely; start ceftriaxone.", "pneumonia")]
    public void an_uncertainty_trigger_or_a_differential_section_makes_it_uncertain(string note, string mention)
    {
        Assert.Equal(AssertionStatus.Uncertain, AssertMention(note, mention).Status);
    }

    [Theory]
    [InlineData("History of myocardial infarction in 2015.", "myocardial infarction")]
    [InlineData("She is s/p cholecystectomy.", "cholecystectomy")]
    [InlineData("Former smoker.", "smoker")]
    [InlineData("Appendectomy 10 years ago.", "Appendectomy")]
    [InlineData("PAST MEDICAL HISTORY: Asthma.\nASSESSMENT: Acute bronchitis.", "Asthma")]
    public void a_history_trigger_or_a_past_history_section_makes_it_historical(string note, string mention)
    {
        Assert.Equal(AssertionStatus.Historical, AssertMention(note, mention).Status);
    }

    [Theory]
    [InlineData("PMH: Hypertension.\nASSESSMENT: Hypertension, uncontrolled.", "Hypertension")]
    [InlineData("PMH: HTN, asthma.\nA/P: 1. Essential hypertension, not at goal.", "HTN")]
    public void a_past_history_item_restated_in_the_assessment_is_present(string note, string mention)
    {
        var assertion = AssertMention(note, mention);

        Assert.Equal(AssertionStatus.Present, assertion.Status);
        Assert.Equal(AssertionCueSource.Restated, assertion.Cue?.Source);
    }

    [Fact]
    public void a_past_history_item_negated_in_the_assessment_stays_historical()
    {
        Assert.Equal(AssertionStatus.Historical, AssertMention("PMH: Asthma.\nASSESSMENT: No asthma exacerbation.", "Asthma").Status);
    }

    [Theory]
    [InlineData("Mother with breast cancer.", "breast cancer")]
    [InlineData("Family history of coronary artery disease.", "coronary artery disease")]
    [InlineData("Diabetes in his father.", "Diabetes")]
    [InlineData("FAMILY HISTORY: Colon cancer.\nSOCIAL HISTORY: Nonsmoker.", "Colon cancer")]
    public void a_relative_trigger_or_a_family_history_section_makes_it_family(string note, string mention)
    {
        var assertion = AssertMention(note, mention);

        Assert.Equal(AssertionStatus.Family, assertion.Status);
        Assert.Equal(Experiencer.Family, assertion.Experiencer);
    }

    [Theory]
    [InlineData("Return if chest pain recurs.", "chest pain")]
    [InlineData("Should fever develop, call the clinic.", "fever")]
    [InlineData("Referred for screening for colon cancer.", "colon cancer")]
    [InlineData("Acetaminophen as needed for headache.", "headache")]
    public void an_instruction_or_conditional_makes_it_hypothetical(string note, string mention)
    {
        Assert.Equal(AssertionStatus.Hypothetical, AssertMention(note, mention).Status);
    }

    [Theory]
    [InlineData("No increase in abdominal pain.", "abdominal pain")]
    [InlineData("Gram negative bacteremia.", "bacteremia")]
    [InlineData("Not only hypertension but also diabetes.", "hypertension")]
    [InlineData("No change in the size of the pulmonary nodule.", "pulmonary nodule")]
    [InlineData("Mother reports that he has had fever for two days.", "fever")]
    [InlineData("Cough for the past 3 days.", "Cough")]
    [InlineData("Fever prior to admission.", "Fever")]
    [InlineData("A 35-year-old man with pneumonia.", "pneumonia")]
    [InlineData("Triple-negative breast cancer.", "breast cancer")]
    [InlineData("Orchiepididymitis that was not resolved with treatment.", "Orchiepididymitis")]
    [InlineData("Similar headaches in the previous week.", "headaches")]
    [InlineData("Hydatid cyst with daughter vesicles.", "Hydatid cyst")]
    [InlineData("A 39-year-old with a 3-year history of type 2 diabetes mellitus.", "type 2 diabetes mellitus")]
    [InlineData("Headache for a week and 48 hours previously left facial paralysis.", "facial paralysis")]
    public void a_pseudo_trigger_hides_the_trigger_it_contains(string note, string mention)
    {
        Assert.Equal(AssertionStatus.Present, AssertMention(note, mention).Status);
    }

    [Theory]
    [InlineData("No fever but productive cough.", "cough")]
    [InlineData("Denies chest pain, however reports palpitations.", "palpitations")]
    [InlineData("No nausea; vomiting since this morning.", "vomiting")]
    [InlineData("Denies dyspnea. Has cough.", "cough")]
    [InlineData("Negative for A, positive for pneumonia.", "pneumonia")]
    [InlineData("The right testicle did not present alterations, while in the left testicle a tumor was observed.", "tumor")]
    [InlineData("Stenosis of the right pyeloureteral junction and a negative urine cytology.", "pyeloureteral junction")]
    [InlineData("A transesophageal echocardiography ruled out endocarditis.", "transesophageal echocardiography")]
    [InlineData("She reported soft stools and denied vomiting.", "soft stools")]
    [InlineData("A marrow biopsy is performed in patients with suspected thrombocythemia.", "marrow biopsy")]
    [InlineData("No fever was recorded during the first days of the admission and then the patient developed a severe pneumonia.", "pneumonia")]
    public void a_terminator_sentence_end_or_distance_closes_the_scope(string note, string mention)
    {
        Assert.Equal(AssertionStatus.Present, AssertMention(note, mention).Status);
    }

    [Theory]
    [InlineData("Glomerulopathy, IF with mild IgM deposits in the mesangium.", "IgM deposits")]
    [InlineData("Elevated NO levels in exhaled breath and asthma.", "asthma")]
    public void an_upper_case_acronym_in_mixed_case_text_is_not_a_trigger(string note, string mention)
    {
        Assert.Equal(AssertionStatus.Present, AssertMention(note, mention).Status);
    }

    [Fact]
    public void what_the_patient_quit_is_history_and_wanting_to_quit_is_not()
    {
        Assert.Equal(AssertionStatus.Historical, AssertMention("She quit smoking in 2015 after 50 pack-years.", "pack-years").Status);
        Assert.Equal(AssertionStatus.Present, AssertMention("Smokes 1 ppd, wants to quit smoking.", "Smokes").Status);
        Assert.Equal(AssertionStatus.Present, AssertMention("Counseled; trying to quit cigarettes.", "cigarettes").Status);
    }

    [Fact]
    public void a_suspicion_closing_another_clause_leaves_the_confirmed_condition_present() =>
        Assert.Equal(AssertionStatus.Present, AssertMention("Migraine without aura confirmed; medication overuse suspected.", "Migraine").Status);

    [Fact]
    public void a_trigger_of_another_kind_after_a_comma_starts_a_new_scope()
    {
        Assert.Equal(AssertionStatus.Uncertain, AssertMention("No fever, possible pneumonia.", "pneumonia").Status);
    }

    [Fact]
    public void a_negation_before_a_history_trigger_still_negates()
    {
        Assert.Equal(AssertionStatus.Negated, AssertMention("No known history of diabetes.", "diabetes").Status);
    }

    [Fact]
    public void a_resolved_condition_is_present_and_flagged_resolved()
    {
        var assertion = AssertMention("HOSPITAL COURSE: Pneumonia, resolved with antibiotics.", "Pneumonia");

        Assert.Equal(AssertionStatus.Present, assertion.Status);
        Assert.True(assertion.Resolved);
    }

    [Fact]
    public void a_condition_of_someone_else_is_present_but_not_the_patients()
    {
        var assertion = AssertMention("His wife has influenza.", "influenza");

        Assert.Equal(Experiencer.Other, assertion.Experiencer);
    }

    [Fact]
    public void a_plain_mention_in_the_assessment_is_present_for_the_patient()
    {
        Assert.Same(Assertion.PlainPresent, AssertMention("ASSESSMENT: Type 2 diabetes mellitus with polyneuropathy.", "Type 2 diabetes mellitus"));
    }

    [Fact]
    public void the_mention_after_the_marker_is_asserted_not_an_earlier_one()
    {
        Assert.Equal(AssertionStatus.Present, AssertMention("No cough. |Cough returned today.", "Cough").Status);
    }

    [Fact]
    public void a_span_outside_the_note_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AssertionDetector.Assert(NotePreparer.Prepare("Fever."), 3, 99));
    }
}
