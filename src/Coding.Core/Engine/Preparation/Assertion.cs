namespace Coding.Core.Engine.Preparation;

/// <summary>What a note says about one mention, and about whom.</summary>
/// <param name="Resolved">The condition is said to have resolved ("pneumonia, resolved", "symptoms subsided").
/// Status stays Present (or Historical when the history rules also apply): a condition treated and resolved during
/// the stay is still coded for that stay, while a resolved condition from before the encounter usually surfaces
/// through the PMH section or a "history of" trigger. The engine, which knows the setting, makes the final call.</param>
/// <param name="Cue">What decided the status: the trigger phrase or the section header, with its offsets; null for
/// a plain Present with nothing around it.</param>
public sealed record Assertion(AssertionStatus Status, Experiencer Experiencer, bool Resolved, AssertionCue? Cue)
{
    public static readonly Assertion PlainPresent = new(AssertionStatus.Present, Experiencer.Patient, false, null);
}

public enum AssertionStatus
{
    Present,
    Negated,

    /// <summary>
    /// "probable", "suspected", "likely", "rule out", "consistent with"... ICD-10-CM Official Guidelines: for
    /// inpatient admissions (short-term, acute care, long-term care and psychiatric hospitals) an uncertain diagnosis
    /// documented at discharge is coded as if it existed (Section II.H / III.C); in outpatient and professional
    /// settings it is NOT coded — the signs or symptoms are (Section IV.H). This class cannot know the setting, so it
    /// only reports Uncertain and the engine decides per <see cref="Encounters.CareSetting"/>.
    /// </summary>
    Uncertain,

    /// <summary>Before this encounter ("history of", "s/p", a PMH section not restated in the assessment).</summary>
    Historical,

    /// <summary>About a relative of the patient ("mother with", a FAMILY HISTORY section).</summary>
    Family,

    /// <summary>Not asserted to exist: instructions and conditionals ("return if", "should ... develop", "screening for").</summary>
    Hypothetical,
}

/// <summary>Whom the mention is about. The engine codes conditions of the patient; a relative's maps to family-history codes.</summary>
public enum Experiencer
{
    Patient,
    Family,

    /// <summary>Someone else named in the note: spouse, partner, friend, donor.</summary>
    Other,
}

public sealed record AssertionCue(string Text, int Start, int End, AssertionCueSource Source);

public enum AssertionCueSource
{
    Trigger,
    Section,

    /// <summary>A PMH mention counted as current because an assessment/diagnosis section names it again.</summary>
    Restated,
}
