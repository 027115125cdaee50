using System.Text.Json.Nodes;
using Coding.Core.Adjudication;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Preparation;
using Coding.Core.Suggestions;

namespace Coding.UnitTests.Model;

/// <summary>The adjudicator's answer turned back into suggestions: checked against the engine's proposal, grounded in the note.</summary>
public sealed class when_a_model_adjudication_is_applied
{
    private const string Text = "ASSESSMENT: Fever. Essential hypertension.\nPLAN: Antipyretics (acetaminophen).";

    private static readonly AdjudicationProvenance Llama =
        new("llama", "sha256:abc", AdjudicationPrompt.Version, AdjudicationPrompt.SchemaVersion, "sha256:prompt", false, null);

    private static (EngineProposal Proposal, EncounterNote Note) Proposal()
    {
        var note = NotePreparer.Prepare(Text);
        int Sentence(string word) => note.SentenceIndexAt(Text.IndexOf(word, StringComparison.Ordinal));
        SuggestionDraft Draft(string code, string word, double confidence) => new(CodeSystem.Icd10Cm, code, "2026", code + " title", confidence,
            [new SpanDraft(Text.IndexOf(word, StringComparison.Ordinal), Text.IndexOf(word, StringComparison.Ordinal) + word.Length, Sentence(word))],
            """{"engine":"deterministic"}""");
        var fever = Draft("R50.9", "Fever", 0.8);
        var hypertension = Draft("I10", "Essential hypertension", 0.9);
        var below = Draft("R68.89", "Antipyretics", 0.1);
        var proposal = new EngineProposal(new EngineResult("2026", [hypertension, fever]), note, [hypertension, fever, below]);
        return (proposal, new EncounterNote(Guid.NewGuid(), CareSetting.Outpatient, new DateOnly(2026, 3, 1), 50, PatientSex.Female, Text));
    }

    private static AdjudicationResult Answer(params AdjudicatedCode[] codes) => new(codes, Llama);

    [Fact]
    public void the_request_shows_the_notes_sentences_with_their_offsets_and_every_candidate_with_its_sentences()
    {
        var (proposal, note) = Proposal();
        var request = AdjudicatedSuggestions.Request(note, proposal, []);
        Assert.All(request.Sentences, s => Assert.Equal(Text[s.Start..s.End], s.Text));
        Assert.Equal(["I10", "R50.9", "R68.89"], request.Candidates.Select(c => c.Code));
        Assert.Equal(proposal.Candidates.Select(c => c.Evidence[0].SentenceId!.Value), request.Candidates.Select(c => c.SupportingSentenceIds.Single()));
    }

    [Fact]
    public void chosen_candidates_keep_their_own_spans_in_the_chosen_sentences_in_the_models_order_and_confidence()
    {
        var (proposal, _) = Proposal();
        var fever = proposal.Candidates[1].Evidence[0].SentenceId!.Value;
        var (drafts, error) = AdjudicatedSuggestions.Apply(Text, proposal, Answer(new AdjudicatedCode(CodeSystem.Icd10Cm, "R50.9", [fever], 0.66, "documented")));
        Assert.Null(error);
        var draft = Assert.Single(drafts!);
        Assert.Equal("R50.9", draft.Code);
        Assert.Equal(0.66, draft.Confidence);
        Assert.Equal("Fever", Text[draft.Evidence[0].Start..draft.Evidence[0].End]);
    }

    [Fact]
    public void a_chosen_sentence_without_the_candidates_mention_becomes_a_span_of_its_words()
    {
        var (proposal, _) = Proposal();
        var plan = proposal.Note.SentenceIndexAt(Text.IndexOf("Antipyretics", StringComparison.Ordinal));
        var (drafts, _) = AdjudicatedSuggestions.Apply(Text, proposal, Answer(new AdjudicatedCode(CodeSystem.Icd10Cm, "I10", [plan], 0.5, "x")));
        var spans = drafts!.Single().Evidence;
        Assert.All(spans, s => Assert.True(EngineEvaluation.SpanIsValid(Text, s.Start, s.End), $"[{s.Start},{s.End}) = '{Text[s.Start..s.End]}'"));
        Assert.StartsWith("Antipyretics", Text[spans[0].Start..spans[0].End], StringComparison.Ordinal);
        Assert.EndsWith("acetaminophen", Text[spans[0].Start..spans[0].End], StringComparison.Ordinal);
    }

    [Fact]
    public void a_code_below_the_threshold_may_be_chosen_because_it_was_a_candidate()
    {
        var (proposal, _) = Proposal();
        var (drafts, error) = AdjudicatedSuggestions.Apply(Text, proposal, Answer(new AdjudicatedCode(CodeSystem.Icd10Cm, "R68.89", [proposal.Candidates[2].Evidence[0].SentenceId!.Value], 0.7, "x")));
        Assert.Null(error);
        Assert.Equal("R68.89", drafts!.Single().Code);
    }

    [Fact]
    public void a_code_that_was_not_a_candidate_rejects_the_whole_answer()
    {
        var (proposal, _) = Proposal();
        var (drafts, error) = AdjudicatedSuggestions.Apply(Text, proposal, Answer(
            new AdjudicatedCode(CodeSystem.Icd10Cm, "I10", [1], 0.9, "x"),
            new AdjudicatedCode(CodeSystem.Icd10Cm, "J18.9", [1], 0.9, "x")));
        Assert.Null(drafts);
        Assert.Contains("J18.9", error, StringComparison.Ordinal);
    }

    [Fact]
    public void a_sentence_the_note_does_not_have_rejects_the_whole_answer()
    {
        var (proposal, _) = Proposal();
        var (drafts, error) = AdjudicatedSuggestions.Apply(Text, proposal, Answer(new AdjudicatedCode(CodeSystem.Icd10Cm, "I10", [99], 0.9, "x")));
        Assert.Null(drafts);
        Assert.Contains("sentence 99", error, StringComparison.Ordinal);
    }

    [Fact]
    public void provenance_names_the_model_and_prompt_and_keeps_the_deterministic_confidence_but_not_the_rationale()
    {
        var (proposal, _) = Proposal();
        var fever = proposal.Candidates[1].Evidence[0].SentenceId!.Value;
        var (drafts, _) = AdjudicatedSuggestions.Apply(Text, proposal, Answer(new AdjudicatedCode(CodeSystem.Icd10Cm, "R50.9", [fever], 0.66, "patient Jane Roe has fever")));
        var json = JsonNode.Parse(drafts!.Single().Provenance)!.AsObject();
        Assert.Equal("deterministic", (string?)json["engine"]);
        Assert.Equal("sha256:abc", (string?)json["adjudication"]!["model"]);
        Assert.Equal("sha256:prompt", (string?)json["adjudication"]!["promptHash"]);
        Assert.Equal(0.8, (double)json["deterministicConfidence"]!);
        Assert.DoesNotContain("Jane Roe", drafts!.Single().Provenance, StringComparison.Ordinal);
    }
}
