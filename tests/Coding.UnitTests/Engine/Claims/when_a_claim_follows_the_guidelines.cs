using Coding.Core.Encounters;
using Coding.Core.Engine.Claims;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Preparation;
using Coding.Core.Suggestions;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>The Official Guidelines rules of the claims policy (Engine/Claims), one rule per test, on notes written for them.</summary>
public class when_a_claim_follows_the_guidelines
{
    private static IReadOnlyList<Candidate> Apply(PreparedNote note, CareSetting setting, params Candidate[] kept)
    {
        var ranked = kept.OrderByDescending(c => c.Score).ToList();
        var (result, removed) = ClaimsRules.Apply(note, ranked, [], Threshold, Lexicon, setting);
        var sequenced = Sequencing.Sequence(note, result, Threshold, setting, Lexicon);
        return ExternalCauseCompanions.Apply(note, sequenced, removed.ToList(), Threshold, Lexicon, setting);
    }

    [Fact]
    public void hypertension_with_heart_failure_and_ckd_is_one_combination_code_with_its_use_additional_codes()
    {
        // I.C.9.a.3: hypertension with heart disease and CKD → I13.-, plus I50.- and N18.-; the link is presumed.
        var note = NotePreparer.Prepare("Assessment: 1. Acute on chronic systolic heart failure. 2. Hypertension. 3. CKD stage 3b.");
        var kept = Apply(note, CareSetting.Inpatient,
            Code(note, "I5023", "Acute on chronic systolic heart failure", 0.9), Code(note, "I10", "Hypertension"), Code(note, "N1832", "CKD stage 3b"));
        Assert.Equal(["I130", "I5023", "N1832"], Coded(kept));
    }

    [Fact]
    public void hypertension_with_end_stage_renal_disease_is_i12_0()
    {
        var note = NotePreparer.Prepare("Assessment: ESRD on dialysis. Hypertension.");
        var kept = Apply(note, CareSetting.Outpatient, Code(note, "N186", "ESRD"), Code(note, "I10", "Hypertension"));
        Assert.Equal(["I120", "N186"], Coded(kept));
    }

    [Fact]
    public void hypertension_alone_stays_essential()
    {
        var note = NotePreparer.Prepare("Assessment: Hypertension, controlled. GERD.");
        var kept = Apply(note, CareSetting.Outpatient, Code(note, "I10", "Hypertension"), Code(note, "K219", "GERD"));
        Assert.Equal(["I10", "K219"], Coded(kept));
    }

    [Fact]
    public void diabetes_with_polyneuropathy_is_the_combination_code_and_the_neuropathy_code_goes()
    {
        // I.A.15 "with": the Index lists polyneuropathy under Diabetes, with; E11.42 includes the neuropathy.
        var note = NotePreparer.Prepare("Assessment: Type 2 diabetes mellitus. Peripheral neuropathy of both feet.");
        var kept = Apply(note, CareSetting.Outpatient, Code(note, "E119", "Type 2 diabetes mellitus"), Code(note, "G629", "Peripheral neuropathy"));
        Assert.Equal(["E1142"], Coded(kept));
        var combined = kept.Single(c => c.Code == "E1142");
        Assert.Equal(2, combined.Mentions.Count);
    }

    [Fact]
    public void diabetes_with_ckd_keeps_the_stage_code_the_tabular_asks_for()
    {
        var note = NotePreparer.Prepare("Assessment: Type 2 diabetes mellitus. CKD stage 3a.");
        var kept = Apply(note, CareSetting.Outpatient, Code(note, "E119", "Type 2 diabetes mellitus"), Code(note, "N1831", "CKD stage 3a"));
        Assert.Equal(["E1122", "N1831"], Coded(kept));
    }

    [Fact]
    public void coronary_atherosclerosis_with_angina_is_one_combination_code()
    {
        // I.C.9.b: a causal relationship between the atherosclerosis and the angina is assumed; no separate angina code.
        var note = NotePreparer.Prepare("Assessment: 1. Coronary artery disease. 2. Unstable angina. 3. Hypertension.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "I2510", "Coronary artery disease", 0.9), Code(note, "I200", "Unstable angina", 0.8),
            Code(note, "I10", "Hypertension"));
        Assert.Equal(["I10", "I25110"], Coded(kept));
        var stable = NotePreparer.Prepare("Assessment: CAD with angina, stable.");
        Assert.Equal(["I25119"], Coded(Apply(stable, CareSetting.Outpatient, Code(stable, "I2510", "CAD", 0.9), Code(stable, "I209", "angina", 0.6))));
    }

    [Fact]
    public void an_acute_and_a_chronic_failure_of_one_type_are_the_acute_on_chronic_code()
    {
        // I.B.2-3 and the Index: "Failure, heart, systolic, acute on chronic" I50.23; "Failure, respiratory, acute and chronic" J96.2-.
        var note = NotePreparer.Prepare("Assessment: Acute systolic heart failure exacerbation. History of chronic systolic heart failure. Acute respiratory failure with hypoxia. Chronic respiratory failure on home oxygen.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "I5021", "Acute systolic heart failure", 0.9), Code(note, "I5022", "chronic systolic heart failure", 0.7),
            Code(note, "J9601", "Acute respiratory failure with hypoxia", 0.9), Code(note, "J9611", "Chronic respiratory failure", 0.6));
        Assert.Equal(["I5023", "J9621"], Coded(kept));
    }

    [Fact]
    public void copd_with_a_pneumonia_is_copd_with_lower_respiratory_infection_and_the_pneumonia()
    {
        // Tabular J44.0: "Code also to identify the infection"; the exacerbation (J44.1) may be coded with it.
        var note = NotePreparer.Prepare("DISCHARGE DIAGNOSES: 1. Pneumococcal pneumonia. 2. COPD with acute exacerbation. 3. COPD.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "J13", "Pneumococcal pneumonia", 0.9), Code(note, "J441", "COPD with acute exacerbation", 0.9),
            Code(note, "J449", "COPD.", 0.6));
        Assert.Equal(["J13", "J440", "J441"], Coded(kept));
    }

    [Fact]
    public void a_complicated_pregnancy_is_not_supervision_of_a_normal_pregnancy()
    {
        // I.C.15.b.1: Z34 only when no complication is present; never with a Chapter 15 code.
        var note = NotePreparer.Prepare("ASSESSMENT: Gestational diabetes mellitus in pregnancy, diet controlled. Supervision of normal pregnancy otherwise.");
        var kept = Apply(note, CareSetting.Outpatient, Code(note, "O24410", "Gestational diabetes mellitus in pregnancy, diet controlled", 0.9),
            Code(note, "Z3482", "Supervision of normal pregnancy", 0.7));
        Assert.Equal(["O24410"], Coded(kept));
        var routine = NotePreparer.Prepare("VISIT: Routine prenatal visit, supervision of normal pregnancy, second trimester.");
        Assert.Equal(["Z3482"], Coded(Apply(routine, CareSetting.Outpatient, Code(routine, "Z3482", "supervision of normal pregnancy", 0.9))));
    }

    [Fact]
    public void copd_without_an_infection_stays_as_written()
    {
        var note = NotePreparer.Prepare("Assessment: COPD, stable on tiotropium.");
        Assert.Equal(["J449"], Coded(Apply(note, CareSetting.Outpatient, Code(note, "J449", "COPD", 0.9))));
    }

    [Fact]
    public void a_symptom_of_the_coded_diagnosis_is_not_coded()
    {
        // I.B.5: fever and cough are routinely part of pneumonia.
        var note = NotePreparer.Prepare("HPI: Fever and cough for three days.\nAssessment: Pneumococcal pneumonia.");
        var kept = Apply(note, CareSetting.Emergency, Code(note, "R509", "Fever"), Code(note, "R059", "cough"), Code(note, "J13", "Pneumococcal pneumonia"));
        Assert.Equal(["J13"], Coded(kept));
    }

    [Fact]
    public void a_symptom_with_no_related_diagnosis_stays()
    {
        // Chest pain beside a hip fracture: no diagnosis of its system explains it.
        var note = NotePreparer.Prepare("Assessment: Chest pain, unclear cause. Fracture of the right femoral neck.");
        var kept = Apply(note, CareSetting.Emergency, Code(note, "R079", "Chest pain"), Code(note, "S72001A", "Fracture of the right femoral neck"));
        Assert.Equal(["R079", "S72001A"], Coded(kept));
    }

    [Fact]
    public void a_symptom_the_diagnosis_does_not_routinely_cause_stays()
    {
        // I.B.6: chest pain is not part of hypertension, dysphagia not of reflux, nocturia not of CKD (nor of BPH, whose
        // N40.1 asks for its urinary symptoms); fever beside the pneumonia still goes.
        var clinic = NotePreparer.Prepare("Assessment: Chest pain, atypical. Hypertension. Dysphagia to solids. GERD.");
        Assert.Equal(["I10", "K219", "R079", "R1310"], Coded(Apply(clinic, CareSetting.Outpatient,
            Code(clinic, "R079", "Chest pain"), Code(clinic, "I10", "Hypertension"), Code(clinic, "R1310", "Dysphagia"), Code(clinic, "K219", "GERD"))));
        var stay = NotePreparer.Prepare("Assessment: Nocturia. CKD stage 3a. Fever. Pneumonia.");
        Assert.Equal(["J189", "N1831", "R351"], Coded(Apply(stay, CareSetting.Inpatient,
            Code(stay, "R351", "Nocturia"), Code(stay, "N1831", "CKD stage 3a"), Code(stay, "R509", "Fever"), Code(stay, "J189", "Pneumonia"))));
    }

    [Fact]
    public void the_same_words_read_two_ways_keep_the_longer_reading()
    {
        // "acute on chronic systolic heart failure" contains "chronic systolic heart failure": one condition, I50.23.
        var note = NotePreparer.Prepare("Assessment: Acute on chronic systolic heart failure.");
        var kept = Apply(note, CareSetting.Inpatient,
            Code(note, "I5022", "chronic systolic heart failure", 0.9), Code(note, "I5023", "Acute on chronic systolic heart failure", 0.6));
        Assert.Equal(["I5023"], Coded(kept));
        Assert.Equal(0.9, kept.Single(c => c.Code == "I5023").Confidence);
    }

    [Fact]
    public void the_principal_diagnosis_is_the_first_one_the_diagnosis_list_names()
    {
        // Section II: the condition chiefly responsible for the admission, as the discharge diagnoses state it first.
        var note = NotePreparer.Prepare("HPI: Cough and GERD.\nDischarge diagnoses: 1. Pneumococcal pneumonia. 2. GERD.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "K219", "GERD", 0.95), Code(note, "J13", "Pneumococcal pneumonia", 0.7));
        Assert.Equal("J13", kept[0].Code);
        Assert.Equal(DiagnosisRole.Principal, RoleOf(kept, "J13"));
        Assert.Equal(DiagnosisRole.Secondary, RoleOf(kept, "K219"));
    }

    [Fact]
    public void the_diagnosis_the_list_names_first_joins_the_claim_and_leads_when_the_ranker_doubted_it()
    {
        var note = NotePreparer.Prepare("HPI: GERD for years.\nDischarge diagnoses: 1. Pneumococcal pneumonia. 2. GERD.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "K219", "GERD", 0.9), Code(note, "J13", "Pneumococcal pneumonia", 0.1));
        Assert.Equal(["J13", "K219"], Coded(kept));
        Assert.Equal(DiagnosisRole.Principal, RoleOf(kept, "J13"));
    }

    [Fact]
    public void a_listed_reading_the_ranker_all_but_rejected_stays_off_the_claim()
    {
        var note = NotePreparer.Prepare("HPI: GERD for years.\nDischarge diagnoses: 1. Pneumococcal pneumonia. 2. GERD.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "K219", "GERD", 0.9), Code(note, "J13", "Pneumococcal pneumonia", 0.02));
        Assert.Equal(["K219"], Coded(kept));
        Assert.Equal(DiagnosisRole.Principal, RoleOf(kept, "K219"));
    }

    [Fact]
    public void of_two_readings_of_the_first_item_the_longer_leads()
    {
        // I.C.9.a.6: hypertensive urgency is coded with its hypertension; the visit was for the urgency.
        var note = NotePreparer.Prepare("Assessment: Hypertensive urgency, BP 212/118.");
        var kept = Apply(note, CareSetting.Emergency, Code(note, "I10", "Hypertensive", 0.9), Code(note, "I160", "Hypertensive urgency", 0.6));
        Assert.Equal("I160", kept[0].Code);
        Assert.Equal(DiagnosisRole.FirstListed, RoleOf(kept, "I160"));
    }

    [Fact]
    public void an_external_cause_never_leads_and_outpatient_lead_is_first_listed()
    {
        var note = NotePreparer.Prepare("Assessment: Fall from standing. Fracture of the right femoral neck.");
        var kept = Apply(note, CareSetting.Emergency, Code(note, "W19XXXA", "Fall", 0.95), Code(note, "S72001A", "Fracture of the right femoral neck", 0.8));
        Assert.Equal("S72001A", kept[0].Code);
        Assert.Equal(DiagnosisRole.FirstListed, RoleOf(kept, "S72001A"));
    }

    [Fact]
    public void the_nature_of_an_adverse_effect_leads_and_an_underdosing_never_does()
    {
        // I.C.19.e.5.a: the nature of the adverse effect first, then the T code; I.C.19.e.5.c: underdosing never first.
        var note = NotePreparer.Prepare("Diagnoses: 1. Adverse effect of chemotherapy. 2. Neutropenia due to chemotherapy. 3. Ran out of insulin.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "T451X5A", "Adverse effect of chemotherapy", 0.9), Code(note, "D701", "Neutropenia due to chemotherapy", 0.7),
            Code(note, "T383X6A", "Ran out of insulin", 0.9));
        Assert.Equal("D701", kept[0].Code);
        Assert.Equal(DiagnosisRole.Principal, kept[0].Role);
        var underdosed = NotePreparer.Prepare("Diagnoses: 1. Ran out of insulin. 2. Neutropenia due to chemotherapy.");
        Assert.Equal("D701", Apply(underdosed, CareSetting.Emergency, Code(underdosed, "T383X6A", "Ran out of insulin", 0.9),
            Code(underdosed, "D701", "Neutropenia due to chemotherapy", 0.7))[0].Code);
    }

    [Fact]
    public void a_condition_that_developed_after_admission_is_not_present_on_admission()
    {
        var note = NotePreparer.Prepare("Hospital course: Admitted for pneumococcal pneumonia. On hospital day 3 she developed acute systolic heart failure. " +
            "Continues long-term insulin.\nDischarge diagnoses: Pneumococcal pneumonia.");
        var kept = Apply(note, CareSetting.Inpatient,
            Code(note, "J13", "Pneumococcal pneumonia"), Code(note, "I5023", "acute systolic heart failure"), Code(note, "Z794", "long-term insulin", 0.5));
        Assert.Equal(PresentOnAdmission.Yes, kept.Single(c => c.Code == "J13").Poa);
        Assert.Equal(PresentOnAdmission.No, kept.Single(c => c.Code == "I5023").Poa);
        // Z79.4 is on the CMS exempt list: reported without an indicator.
        Assert.Equal(PresentOnAdmission.Exempt, kept.Single(c => c.Code == "Z794").Poa);
    }

    [Fact]
    public void an_external_cause_without_an_injury_is_not_coded()
    {
        // I.C.20: external cause codes say how an injury or other condition with an external cause came about.
        var note = NotePreparer.Prepare("HPI: Fell at home last year.\nAssessment: GERD.");
        var kept = Apply(note, CareSetting.Outpatient, Code(note, "W19XXXA", "Fell", 0.9), Code(note, "K219", "GERD"));
        Assert.Equal(["K219"], Coded(kept));
    }

    [Fact]
    public void a_fall_that_broke_an_osteoporotic_bone_keeps_its_external_cause()
    {
        // I.C.20 and I.C.13.d: the pathological fracture carries an encounter character, the fall explains it, and Y99
        // follows the cause (I.C.20.k).
        var note = NotePreparer.Prepare("HPI: Fell from standing at home.\nAssessment: Age-related osteoporosis with current pathological fracture, right femur.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "M80051A", "Age-related osteoporosis with current pathological fracture", 0.9),
            Code(note, "W010XXA", "Fell", 0.9));
        Assert.Equal(["M80051A", "W010XXA", "Y998"], Coded(kept));
    }

    [Fact]
    public void one_visit_has_one_reason_of_a_kind()
    {
        // I.C.21.c.11: a prenatal visit is supervision of a first or of another normal pregnancy, not both.
        var note = NotePreparer.Prepare("Assessment: Routine prenatal visit, first pregnancy, normal.");
        var kept = Apply(note, CareSetting.Outpatient, Code(note, "Z3401", "first pregnancy", 0.7), Code(note, "Z3482", "Routine prenatal visit", 0.5));
        Assert.Equal(["Z3401"], Coded(kept));
    }

    [Fact]
    public void one_injury_takes_one_seventh_character()
    {
        var note = NotePreparer.Prepare("Assessment: Fracture of the right femoral neck, closed.");
        var kept = Apply(note, CareSetting.Emergency, Code(note, "S72001A", "Fracture of the right femoral neck", 0.8), Code(note, "S72001B", "closed", 0.5));
        Assert.Equal(["S72001A"], Coded(kept));
    }

    [Fact]
    public void outside_inpatient_care_no_poa_is_set()
    {
        var note = NotePreparer.Prepare("Assessment: GERD.");
        var kept = Apply(note, CareSetting.Outpatient, Code(note, "K219", "GERD"));
        Assert.Null(kept.Single().Poa);
    }

    [Fact]
    public void an_injury_of_an_initial_encounter_gets_one_external_cause_status()
    {
        // I.C.20.k: Y99 whenever another external cause code is assigned; not at work, so "other" (leisure) status.
        var note = NotePreparer.Prepare("HPI: Slipped on ice in her driveway and fell on her outstretched right hand. Assessment: Colles fracture of the right radius.");
        var kept = Apply(note, CareSetting.Emergency,
            Code(note, "S52531A", "Colles fracture of the right radius", 0.9), Code(note, "W000XXA", "Slipped on ice", 0.6));
        Assert.Equal(["S52531A", "W000XXA", "Y998"], Coded(kept));
        Assert.Equal("Slipped on ice", note.Text[kept.Single(c => c.Code == "Y998").Mentions[0].Match.Start..kept.Single(c => c.Code == "Y998").Mentions[0].Match.End]);
    }

    [Fact]
    public void an_injury_brings_the_cause_and_the_activity_the_ranker_doubted_and_their_status()
    {
        // I.C.20.a.3 and c: the cause and the activity of an injury's initial encounter; I.C.20.k: Y99 goes with them.
        var note = NotePreparer.Prepare("ED note. She slipped on ice while walking to her car. Assessment: Colles fracture of the right radius.");
        var kept = Apply(note, CareSetting.Emergency,
            Code(note, "S52531A", "Colles fracture of the right radius", 0.9), Code(note, "W000XXA", "slipped on ice", 0.1), Code(note, "Y9301", "walking", 0.08));
        Assert.Equal(["S52531A", "W000XXA", "Y9301", "Y998"], Coded(kept));
    }

    [Fact]
    public void a_cause_the_ranker_all_but_rejected_stays_off_and_brings_no_status()
    {
        var note = NotePreparer.Prepare("ED note. She slipped on ice while walking to her car. Assessment: Colles fracture of the right radius.");
        var kept = Apply(note, CareSetting.Emergency,
            Code(note, "S52531A", "Colles fracture of the right radius", 0.9), Code(note, "W000XXA", "slipped on ice", 0.02));
        Assert.Equal(["S52531A"], Coded(kept));
    }

    [Fact]
    public void the_cause_of_an_injury_the_diagnosis_list_brings_to_the_claim_comes_back()
    {
        // The listed injury joins the claim at sequencing (Section IV.A), after the rule that drops causes without an injury.
        var note = NotePreparer.Prepare("Diagnoses: 1. Scalp laceration. HPI: fell from a ladder while cleaning gutters.");
        var kept = Apply(note, CareSetting.Emergency, Code(note, "S0101XA", "Scalp laceration", 0.1), Code(note, "W11XXXA", "fell from a ladder", 0.9));
        Assert.Equal(["S0101XA", "W11XXXA", "Y998"], Coded(kept));
        Assert.Equal("S0101XA", kept[0].Code);
    }

    [Fact]
    public void a_later_encounter_for_the_injury_brings_no_companions()
    {
        // I.C.20.b-c: place and activity only at the initial encounter; a healing fracture is a subsequent one.
        var note = NotePreparer.Prepare("Follow-up. Healing Colles fracture of the right radius; she had slipped on ice while walking.");
        var kept = Apply(note, CareSetting.Outpatient,
            Code(note, "S52531D", "Healing Colles fracture of the right radius", 0.9), Code(note, "Y9301", "walking", 0.2));
        Assert.Equal(["S52531D"], Coded(kept));
    }

    [Fact]
    public void an_injury_at_work_is_civilian_activity_done_for_income()
    {
        var note = NotePreparer.Prepare("HPI: Line cook, slipped on ice at work behind the restaurant. Assessment: Colles fracture of the right radius.");
        var kept = Apply(note, CareSetting.Emergency,
            Code(note, "S52531A", "Colles fracture of the right radius", 0.9), Code(note, "W000XXA", "slipped on ice", 0.6), Code(note, "Y998", "Line cook", 0.5));
        Assert.Equal(["S52531A", "W000XXA", "Y990"], Coded(kept));
    }

    [Fact]
    public void place_activity_and_status_are_reported_once_at_the_initial_encounter()
    {
        // I.C.20.b, c, k: a subsequent encounter's cause carries no place, activity or status.
        var note = NotePreparer.Prepare("Follow-up of the fall when she tripped on the rug while walking at home. Healing Colles fracture of the right radius.");
        var kept = Apply(note, CareSetting.Outpatient,
            Code(note, "S52531D", "Healing Colles fracture of the right radius", 0.9), Code(note, "W010XXD", "tripped on the rug", 0.7),
            Code(note, "Y9301", "walking", 0.6), Code(note, "Y92009", "home", 0.5), Code(note, "Y998", "walking", 0.5));
        Assert.Equal(["S52531D", "W010XXD"], Coded(kept));
    }

    [Fact]
    public void a_visit_for_the_healing_fracture_takes_the_subsequent_encounter_character_and_so_does_its_cause()
    {
        // I.C.19.a: "D" for routine care during healing; the external cause takes the injury's character (I.C.20.a).
        var note = NotePreparer.Prepare("ORTHOPEDIC CLINIC - FOLLOW-UP VISIT. Colles fracture of the right radius after she slipped on ice 4 weeks ago, healing as expected.");
        var kept = Apply(note, CareSetting.Outpatient,
            Code(note, "S52531A", "Colles fracture of the right radius", 0.9), Code(note, "W000XXA", "slipped on ice", 0.6));
        Assert.Equal(["S52531D", "W000XXD"], Coded(kept));
        Assert.Equal("Colles fracture of the right radius", note.Text[kept[0].Mentions[0].Match.Start..kept[0].Mentions[0].Match.End]);
    }

    [Fact]
    public void a_fracture_that_did_not_unite_is_a_nonunion_and_a_late_effect_is_a_sequela()
    {
        var nonunion = NotePreparer.Prepare("Follow-up visit. Colles fracture of the right radius: atrophic nonunion on today's films.");
        Assert.Equal(["S52531K"], Coded(Apply(nonunion, CareSetting.Outpatient, Code(nonunion, "S52531A", "Colles fracture of the right radius", 0.9))));
        var sequela = NotePreparer.Prepare("Reason for consultation: stiffness, a sequela of the Colles fracture of the right radius she had in 2019.");
        Assert.Equal(["S52531S"], Coded(Apply(sequela, CareSetting.Outpatient, Code(sequela, "S52531A", "Colles fracture of the right radius", 0.9))));
    }

    [Fact]
    public void a_planned_follow_up_or_a_follow_up_visit_for_something_else_stays_the_initial_encounter_and_an_adverse_effect_keeps_its_character()
    {
        var injury = NotePreparer.Prepare("ED NOTE. Slipped on ice today. Assessment: Colles fracture of the right radius. Plan: splint, follow up with orthopedics in 1 week.");
        Assert.Equal(["S52531A", "W000XXA", "Y998"], Coded(Apply(injury, CareSetting.Emergency,
            Code(injury, "S52531A", "Colles fracture of the right radius", 0.9), Code(injury, "W000XXA", "Slipped on ice", 0.6))));
        var newInjury = NotePreparer.Prepare("FOLLOW-UP VISIT. Diabetes reviewed. He now reports wrist pain after he slipped on ice yesterday. Assessment: Colles fracture of the right radius.");
        Assert.Equal(["S52531A", "W000XXA", "Y998"], Coded(Apply(newInjury, CareSetting.Outpatient,
            Code(newInjury, "S52531A", "Colles fracture of the right radius", 0.9), Code(newInjury, "W000XXA", "slipped on ice", 0.6))));
        var adverse = NotePreparer.Prepare("ONCOLOGY - FOLLOW-UP VISIT. Anemia due to antineoplastic chemotherapy.");
        Assert.Equal(["T451X5A"], Coded(Apply(adverse, CareSetting.Outpatient, Code(adverse, "T451X5A", "antineoplastic chemotherapy", 0.9))));
    }

    [Fact]
    public void one_condition_is_coded_at_one_stage()
    {
        // I.B.2-3: "CKD" read as stage 3a beside the "CKD stage 4" the note documents is one disease read twice.
        var note = NotePreparer.Prepare("Assessment: CKD stage 4. Anemia in CKD.");
        var kept = Apply(note, CareSetting.Outpatient, Code(note, "N184", "CKD stage 4", 0.8), Code(note, "N1831", "Anemia in CKD", 0.5));
        Assert.Equal(["N184"], Coded(kept));
    }

    [Fact]
    public void a_fracture_not_documented_as_open_is_coded_closed()
    {
        // I.C.19.c.1: "A fracture not indicated as open or closed should be coded to closed."
        var closed = NotePreparer.Prepare("Assessment: Colles fracture of the right radius, skin intact.");
        Assert.Equal(["S52531A"], Coded(Apply(closed, CareSetting.Emergency, Code(closed, "S52531B", "Colles fracture of the right radius", 0.7))));
        var open = NotePreparer.Prepare("Assessment: open Colles fracture of the right radius with bone through the skin.");
        Assert.Equal(["S52531B"], Coded(Apply(open, CareSetting.Emergency, Code(open, "S52531B", "Colles fracture of the right radius", 0.7))));
    }

    [Fact]
    public void insulin_given_only_to_control_sugar_during_the_stay_is_not_long_term_use()
    {
        // I.C.4.a.3: Z79.4 is not assigned when insulin is given temporarily to a type 2 patient during the encounter.
        var note = NotePreparer.Prepare("Assessment: Type 2 diabetes mellitus with hyperglycemia on metformin. Insulin sliding scale while inpatient.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "E1165", "Type 2 diabetes mellitus with hyperglycemia"), Code(note, "Z794", "Insulin", 0.6));
        Assert.Equal(["E1165"], Coded(kept));
    }

    [Fact]
    public void insulin_the_patient_takes_at_home_stays_long_term_use_even_with_a_correction_scale()
    {
        var note = NotePreparer.Prepare("Medications: insulin glargine 20 units nightly.\nAssessment: Type 2 diabetes mellitus with hyperglycemia. Correctional insulin in hospital.");
        var kept = Apply(note, CareSetting.Inpatient, Code(note, "E1165", "Type 2 diabetes mellitus with hyperglycemia"), Code(note, "Z794", "insulin glargine", 0.6));
        Assert.Equal(["E1165", "Z794"], Coded(kept));
    }
}
