using Coding.Core.Evaluation;
using Coding.Core.Evaluation.CodiEsp;
using Coding.UnitTests.TestData;

namespace Coding.UnitTests.Evaluation;

/// <summary>The real dev split, read in place; counts from SOURCES.md.</summary>
public class when_a_codiesp_split_is_loaded
{
    private static readonly Lazy<CodiEspSplit> Dev = new(() => CodiEspReader.ReadSplit(SharedData.CodiEspSplit("dev")));

    [Fact]
    public void the_dev_split_has_250_documents_2677_diagnosis_rows_and_817_procedure_rows()
    {
        var dev = Dev.Value;

        Assert.Equal("dev", dev.Name);
        Assert.Equal(250, dev.Documents.Count);
        Assert.Equal(2677, dev.DiagnosisRows.Count);
        Assert.Equal(817, dev.ProcedureRows.Count);
        Assert.Equal(4477, dev.Evidence.Count);
    }

    [Theory]
    [InlineData("train", 500, 5639, 1550, 9181, 1767, 563)]
    [InlineData("dev", 250, 2677, 817, 4477, 1158, 375)]
    public void every_split_matches_the_counts_in_sources_md(string split, int documents, int dRows, int pRows, int xRows, int distinctD, int distinctP)
    {
        var loaded = split == "dev" ? Dev.Value : CodiEspReader.ReadSplit(SharedData.CodiEspSplit(split));

        Assert.Equal((documents, dRows, pRows, xRows), (loaded.Documents.Count, loaded.DiagnosisRows.Count, loaded.ProcedureRows.Count, loaded.Evidence.Count));
        Assert.Equal(distinctD, loaded.Diagnoses.Values.SelectMany(c => c).Distinct().Count());
        Assert.Equal(distinctP, loaded.Procedures.Values.SelectMany(c => c).Distinct().Count());
    }

    [Fact]
    public void the_gold_sets_hold_every_document_and_the_distinct_codes()
    {
        var dev = Dev.Value;

        Assert.Equal(250, dev.Diagnoses.Count);
        Assert.All(dev.Diagnoses.Values, codes => Assert.NotEmpty(codes));
        Assert.Equal(2677, dev.Diagnoses.Values.Sum(c => c.Count)); // no duplicate (doc, code) rows
        Assert.Equal(1158, dev.Diagnoses.Values.SelectMany(c => c).Distinct().Count());
        Assert.Equal(375, dev.Procedures.Values.SelectMany(c => c).Distinct().Count());
        Assert.Equal(222, dev.Procedures.Values.Count(c => c.Count > 0));
        Assert.Contains("N39.0", dev.Diagnoses["S0004-06142005000900016-1"]);
    }

    [Fact]
    public void evidence_rows_carry_labels_and_possibly_discontinuous_spans()
    {
        var dev = Dev.Value;

        var first = dev.Evidence[0];
        Assert.Equal(new CodiEspEvidence("S0004-06142005000900016-1", CodiEspLabel.Procedure, "bt41zzz", "ecografía renal derecha",
            first.Spans), first);
        Assert.Equal([new CodiEspSpan(307, 316), new CodiEspSpan(348, 361)], first.Spans);
        Assert.Contains(dev.Evidence, e => e.Label == CodiEspLabel.Diagnosis);
        Assert.Contains(dev.Evidence, e => e.Spans.Count > 1);
    }

    [Fact]
    public void evidence_offsets_point_into_the_spanish_text()
    {
        var spanish = CodiEspReader.ReadSplit(SharedData.CodiEspSplit("dev"), CodiEspLanguage.Spanish);
        var evidence = spanish.Evidence.First(e => e.Code == "n39.0" && e.Document == "S0004-06142005000900016-1");
        var span = Assert.Single(evidence.Spans);

        Assert.Equal(evidence.Text, spanish.Texts[evidence.Document][span.Start..span.End], ignoreCase: true);
    }

    [Fact]
    public void the_gold_itself_as_a_run_scores_a_perfect_map_and_f1()
    {
        var dev = Dev.Value;
        var run = dev.Diagnoses.ToDictionary(
            e => e.Key, e => (IReadOnlyList<ScoredCode>)e.Value.Select(c => new ScoredCode(c, 1)).ToList());

        Assert.Equal(1.0, MeanAveragePrecision.Compute(dev.Diagnoses, run).Map, 1e-12);
        Assert.Equal(1.0, CodingMetrics.Classification(dev.Diagnoses, run).Micro.F1, 1e-12);
    }

    [Fact]
    public void a_submission_is_written_best_first_in_codiesp_form_and_reads_back_in_order()
    {
        IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> run = new Dictionary<string, IReadOnlyList<ScoredCode>>
        {
            ["S2"] = [new("N39.0", 0.9)],
            ["S1"] = [new("E11.9", 0.8), new("I10", 0.7), new("e119", 0.6)],
        };
        var writer = new StringWriter();

        CodiEspSubmission.Write(writer, run);

        Assert.Equal("S1\te11.9\nS1\ti10\nS2\tn39.0\n", writer.ToString());
        var back = CodiEspSubmission.Read(new StringReader(writer.ToString()));
        Assert.Equal(["e11.9", "i10"], back["S1"].Select(p => p.Code));
    }

    [Fact]
    public void injury_codes_are_written_without_the_encounter_character_as_codiesp_writes_them()
    {
        IReadOnlyDictionary<string, IReadOnlyList<ScoredCode>> run = new Dictionary<string, IReadOnlyList<ScoredCode>>
        {
            ["S1"] = [new("S72.001A", 0.9), new("W19.XXXA", 0.8), new("E11.9", 0.7)],
        };
        var writer = new StringWriter();

        CodiEspSubmission.Write(writer, run);

        Assert.Equal("S1\ts72.001\nS1\tw19.xxx\nS1\te11.9\n", writer.ToString());
    }
}
