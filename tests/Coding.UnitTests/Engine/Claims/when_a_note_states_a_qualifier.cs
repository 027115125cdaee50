using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Claims;
using Coding.Core.Engine.Preparation;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>
/// The qualifiers written next to a condition ("with", "without", "not intractable", "uncomplicated") pick the sibling
/// of its subcategory (Guidelines I.B.2-3, I.A.15; the Index's defaults when the note says nothing).
/// </summary>
public class when_a_note_states_a_qualifier
{
    private static IReadOnlyList<string> Resolved(string text, params (string Code, string Phrase)[] read)
    {
        var note = NotePreparer.Prepare(text);
        var set = DocumentedQualifiers.Resolve(note, new CandidateSet(read.Select(r => Code(note, r.Code, r.Phrase)).ToList(), []), Lexicon);
        return set.Candidates.Select(c => c.Code).ToList();
    }

    [Fact]
    public void a_denied_qualifier_is_not_coded_as_present()
    {
        Assert.Equal(["G43109"], Resolved("Assessment: Migraine with aura, not intractable, without status migrainosus.", ("G43101", "Migraine with aura")));
    }

    [Fact]
    public void a_stated_qualifier_moves_the_code_to_the_sibling_that_names_it()
    {
        Assert.Equal(["G43119"], Resolved("Assessment: Migraine with aura, intractable, without status migrainosus.", ("G43109", "Migraine with aura")));
    }

    [Fact]
    public void a_complication_written_with_the_dependence_is_part_of_its_code()
    {
        // Index: Dependence, alcohol, with, withdrawal, uncomplicated → F10.230 (not "uncomplicated" dependence, F10.20).
        Assert.Equal(["F10230"], Resolved("2. Alcohol dependence with uncomplicated withdrawal.", ("F1020", "Alcohol dependence")));
    }

    [Fact]
    public void a_complication_the_note_rules_out_does_not_move_the_code()
    {
        Assert.Equal(["F10220"], Resolved("2. Alcohol dependence with acute intoxication, uncomplicated - no withdrawal yet.", ("F10220", "Alcohol dependence")));
    }

    [Fact]
    public void a_small_category_is_read_across_its_subcategories()
    {
        // G20.A (without dyskinesia) and G20.B (with dyskinesia) are one family of four codes.
        Assert.Equal(["G20B2"], Resolved("1. Parkinson's disease with dyskinesia and motor fluctuations (wearing-off).", ("G20A1", "Parkinson's disease")));
    }

    [Fact]
    public void the_qualifiers_of_the_next_listed_condition_stay_with_it()
    {
        Assert.Equal(["F1020"], Resolved("Dx: alcohol dependence, uncomplicated; opioid dependence with withdrawal.", ("F1020", "alcohol dependence")));
    }

    [Fact]
    public void a_note_that_names_no_qualifier_keeps_the_code_it_was_read_as()
    {
        Assert.Equal(["G43109"], Resolved("PMH: migraine with aura.", ("G43109", "migraine with aura")));
        Assert.Equal(["A6920"], Resolved("DIAGNOSIS: Early localized Lyme disease with erythema migrans, right thigh.", ("A6920", "Lyme disease")));
    }

    [Fact]
    public void a_sibling_already_read_absorbs_the_candidate()
    {
        Assert.Equal(["G43109"], Resolved("Assessment: Migraine with aura, not intractable, without status migrainosus.",
            ("G43101", "Migraine with aura"), ("G43109", "Migraine with aura, not intractable")));
    }
}
