using Coding.Core.Evaluation;
using Coding.Core.Evaluation.CodiEsp;

namespace Coding.UnitTests.Evaluation;

public class when_spanish_evidence_is_carried_to_the_english_lines
{
    private const string Spanish =
        "Varón de 65 años que consultaba por fiebre de dos semanas de evolución. A la exploración destacaba una hernia inguinal derecha reducible. " +
        "Se realizó una ecografía abdominal que fue normal.\nEl paciente permanece asintomático a los seis meses.";

    // The translation splits nothing here but adds a stray "1." line, as CodiEsp's machine translation sometimes does.
    private const string English =
        "A 65-year-old man presented with fever of two weeks' duration.\n" +
        "Examination revealed a reducible right inguinal hernia.\n" +
        "1.\n" +
        "An abdominal ultrasound was normal.\n" +
        "The patient remains asymptomatic at six months.\n";

    private static CodiEspEvidence Evidence(string code, string text)
    {
        var start = Spanish.IndexOf(text, StringComparison.Ordinal);
        return new CodiEspEvidence("doc", CodiEspLabel.Diagnosis, code, text, [new CodiEspSpan(start, start + text.Length)]);
    }

    private static string[] LinesOf(IReadOnlyDictionary<string, IReadOnlyList<GoldSpan>> aligned, string code) =>
        aligned[code].Select(s => English[s.Start..s.End]).ToArray();

    [Fact]
    public void spanish_paragraphs_are_split_into_sentences_at_full_stops_before_a_capital()
    {
        var sentences = EvidenceAlignment.SpanishSentences(Spanish).Select(s => Spanish[s.Start..s.End]).ToArray();

        Assert.Equal(4, sentences.Length);
        Assert.StartsWith("A la exploración", sentences[1]);
        Assert.Equal("El paciente permanece asintomático a los seis meses.", sentences[3]);
    }

    [Fact]
    public void each_code_lands_on_the_english_line_that_translates_its_sentence()
    {
        var aligned = EvidenceAlignment.Align(Spanish, English, [Evidence("r50.9", "fiebre"), Evidence("k40.90", "hernia inguinal derecha reducible")]);

        Assert.Equal(["A 65-year-old man presented with fever of two weeks' duration."], LinesOf(aligned, "r50.9"));
        Assert.Equal(["Examination revealed a reducible right inguinal hernia."], LinesOf(aligned, "k40.90"));
    }

    [Fact]
    public void a_stray_line_of_the_translation_does_not_shift_the_sentences_after_it()
    {
        var aligned = EvidenceAlignment.Align(Spanish, English, [Evidence("z00.0", "permanece asintomático")]);

        Assert.Equal(["The patient remains asymptomatic at six months."], LinesOf(aligned, "z00.0"));
    }

    [Fact]
    public void a_sentence_translated_as_two_lines_gives_its_code_both()
    {
        const string spanish = "Presentaba disnea de esfuerzo, tos seca y fiebre alta desde hacía una semana, sin dolor torácico ni otros síntomas. Fue dado de alta.";
        const string english = "He had exertional dyspnea, dry cough and high fever for a week.\nThere was no chest pain or other symptoms.\nHe was discharged.";
        var start = spanish.IndexOf("tos seca", StringComparison.Ordinal);

        var aligned = EvidenceAlignment.Align(spanish, english, [new CodiEspEvidence("doc", CodiEspLabel.Diagnosis, "r05", "tos seca", [new CodiEspSpan(start, start + 8)])]);

        Assert.Equal(["He had exertional dyspnea, dry cough and high fever for a week.", "There was no chest pain or other symptoms."],
            aligned["R05"].Select(s => english[s.Start..s.End]).ToArray());
    }
}
