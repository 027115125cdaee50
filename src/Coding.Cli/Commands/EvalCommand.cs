using System.CommandLine;
using Coding.Core.Codebooks;
using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Lexicon;
using Coding.Core.Engine.Priors;
using Coding.Core.Evaluation;
using Coding.Core.Evaluation.CodiEsp;
using Coding.Core.Suggestions;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.Cli.Commands;

/// <summary>
/// `coding eval`: a gold set through the worker's engine path, scored (see <see cref="EvalReport"/>), and
/// `coding eval learn`: the priors and ranking model from a TRAIN split. CodiEsp notes carry no date of service, so
/// both use a fixed FY2026 date (default 2026-03-01) and inpatient rules (the cases are hospital cases).
/// </summary>
internal static class EvalCommand
{
    private static readonly DateOnly DefaultDate = new(2026, 3, 1);

    public static Command Create()
    {
        var codiesp = new Option<DirectoryInfo>("--codiesp") { Description = "CodiEsp split folder (text_files_en/ + *D.tsv)" }.AcceptExistingOnly();
        var jsonl = new Option<FileInfo>("--jsonl") { Description = "Gold set in the project's JSONL format (eval/README.md)" }.AcceptExistingOnly();
        var language = new Option<string>("--language") { Description = "en or es (CodiEsp)", DefaultValueFactory = _ => "en" };
        var date = new Option<DateOnly>("--date") { Description = "Date of service used for every document", DefaultValueFactory = _ => DefaultDate };
        var setting = new Option<CareSetting>("--setting") { Description = "Care setting (uncertain diagnoses are coded for inpatient only)", DefaultValueFactory = _ => CareSetting.Inpatient };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default artifacts/eval/<split>)" };
        var explain = new Option<string?>("--explain") { Description = "Print every match, assertion and decision for one document (contains note text: local use only)" };
        var dense = new Option<int>("--dense") { Description = "Also measure candidate recall with hybrid search of every sentence (top k); 0 = off", DefaultValueFactory = _ => 0 };
        var priorsFile = new Option<FileInfo>("--priors") { Description = "Priors file to use instead of the embedded one (e.g. a fresh `eval learn --out`)" }.AcceptExistingOnly();
        var policy = new Option<CodingPolicy?>("--policy") { Description = "claims (US claim under the Official Guidelines; default for --jsonl) or findings (every finding; default for --codiesp)" };
        var nearMisses = new Option<bool>("--near-misses") { Description = "Also write near-misses.tsv: for gold codes without a candidate, the codebook term that came closest in one sentence and the term keys the sentence lacked (codebook words only, no note text)" };
        var command = new Command("eval", "Run a gold set through the engine; print and write metrics, report and CodiEsp submission") { codiesp, jsonl, language, date, setting, output, explain, dense, priorsFile, nearMisses, policy };
        command.Subcommands.Add(Learn(date));
        command.Subcommands.Add(ProcedureEval.Create());
        command.SetAction(async (parse, ct) =>
        {
            var (name, documents, gold, goldDocuments) = parse.GetValue(codiesp) is { } dir
                ? FromCodiEsp(dir, parse.GetValue(language)!)
                : parse.GetValue(jsonl) is { } file ? FromJsonl(file) : default;
            if (documents is null)
            {
                Console.Error.WriteLine("give --codiesp <split dir> or --jsonl <file>");
                return 2;
            }
            var codingPolicy = parse.GetValue(policy) ?? (parse.GetValue(codiesp) is null ? CodingPolicy.Claims : CodingPolicy.Findings);
            using var host = CliHost.Build(PolicyOverride(codingPolicy));
            var lexicon = await LexiconAsync(host.Services, parse.GetValue(date), ct);
            if (lexicon is null) return 3;
            // The host runs the policy, so its priors and the learned phrases its lexicon carries are the policy's.
            var priors = host.Services.GetRequiredService<CodingPriors>();
            if (parse.GetValue(priorsFile) is { } priorsPath)
            {
                // The provider's lexicon carries the embedded priors' learned phrases: swap them for the file's.
                using var stream = priorsPath.OpenRead();
                priors = CodingPriors.Load(stream);
                lexicon = lexicon.With(LearnedTerms.AsTerms(priors.Learned));
            }
            Console.WriteLine($"policy {codingPolicy.ToString().ToLowerInvariant()}, priors: {priors.Source}");
            var engine = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngineOptions>>().Value;
            var edition = parse.GetValue(codiesp) is null ? null : CodiEspEditionOf(host.Services, lexicon);
            if (parse.GetValue(explain) is { } doc)
            {
                var document = documents.First(d => d.Id == doc);
                Explain(document, gold![doc], lexicon, priors, document.Setting ?? parse.GetValue(setting), DenseSources.For(host.Services, lexicon, parse.GetValue(setting), ct),
                    engine.DenseSettings, edition, codingPolicy);
                return 0;
            }
            var run = EngineEvaluation.Run(documents, gold!, lexicon, priors, parse.GetValue(setting),
                DenseSources.For(host.Services, lexicon, parse.GetValue(setting), ct), engine.DenseSettings, edition, codingPolicy);
            var outDir = parse.GetValue(output)?.FullName ?? Path.Combine("artifacts", "eval", name);
            EvalReport.Write(outDir, name, documents, gold!, run, lexicon, priors, edition, goldDocuments);
            // CodiEsp-P beside D, for the English notes (the PCS lexicon is read from the codebook folder, apart from D's).
            if (parse.GetValue(codiesp) is { } split && parse.GetValue(language) == "en")
                ProcedureEval.Run(split, null, outDir, host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CodebooksOptions>>().Value.SourceRoot);
            if (parse.GetValue(nearMisses))
                NearMisses.Write(Path.Combine(outDir, "near-misses.tsv"), documents, gold!, run, lexicon);
            if (parse.GetValue(dense) is > 0 and var k)
                await DenseProbe.RunAsync(host.Services, documents, gold!, run, parse.GetValue(date), k, ct);
            return 0;
        });
        return command;
    }

    private static Command Learn(Option<DateOnly> date)
    {
        var codiesp = new Option<DirectoryInfo>("--codiesp") { Description = "CodiEsp TRAIN split folder (learned under the findings policy)" }.AcceptExistingOnly();
        var jsonl = new Option<FileInfo>("--jsonl") { Description = "TRAIN gold set in the project's JSONL format with setting per note (learned under the claims policy)" }.AcceptExistingOnly();
        var policy = new Option<CodingPolicy?>("--policy") { Description = "claims or findings (default: claims for --jsonl, findings for --codiesp)" };
        var finalized = new Option<bool>("--from-finalized") { Description = "Learn from this site's finalized encounters: the coders' accept/reject/modify/add decisions are the labels (claims policy)" };
        var since = new Option<DateOnly?>("--since") { Description = "With --from-finalized: only encounters finalized on or after this date (UTC)" };
        var output = new Option<FileInfo?>("--out") { Description = "Priors file (default eval/priors/codiesp-train.json, usnotes-train.json, or .local/priors/finalized.json)" };
        var command = new Command("learn", "Learn priors and the ranking model from a train split (never dev or test)") { codiesp, jsonl, finalized, since, policy, output };
        command.SetAction(async (parse, ct) =>
        {
            var source = (FileSystemInfo?)parse.GetValue(codiesp) ?? parse.GetValue(jsonl);
            var fromFinalized = parse.GetValue(finalized);
            if (source is null == !fromFinalized)
            {
                Console.Error.WriteLine("give one of --codiesp <train split dir>, --jsonl <train file> or --from-finalized");
                return 2;
            }
            if (fromFinalized)
                return await LearnFromFinalizedAsync(parse.GetValue(date), parse.GetValue(since), parse.GetValue(policy) ?? CodingPolicy.Claims, parse.GetValue(output), ct);
            if (!source!.Name.Contains("train", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"refusing to learn from '{source.Name}': priors come from the train split only (dev and test are for measurement)");
                return 2;
            }
            var codingPolicy = parse.GetValue(policy) ?? (source is FileInfo ? CodingPolicy.Claims : CodingPolicy.Findings);
            using var host = CliHost.Build(PolicyOverride(codingPolicy));
            var lexicon = await LexiconAsync(host.Services, parse.GetValue(date), ct);
            if (lexicon is null) return 3;
            IReadOnlyList<TrainingDocument> documents;
            CodeEdition? edition = null;
            string name;
            if (source is DirectoryInfo dir)
            {
                var split = CodiEspReader.ReadSplit(dir.FullName);
                var evidence = CodiEspTraining.Evidence(dir.FullName, split);
                documents = split.Documents
                    .Select(d => new TrainingDocument(d, split.Texts[d], PriorLearner.Keys(split.Diagnoses[d]), evidence?.GetValueOrDefault(d)))
                    .ToList();
                Console.WriteLine(evidence is null
                    ? "learned phrases: counted per document only (no Spanish text_files or X file to place the gold codes in sentences)"
                    : $"learned phrases: counted per document and per sentence ({evidence.Values.Sum(e => e.Count)} gold codes placed in English sentences through the Spanish evidence)");
                edition = CodiEspEditionOf(host.Services, lexicon);
                name = $"codiesp-{dir.Name}";
            }
            else
            {
                documents = GoldJsonl.Read(source.FullName).Select(TrainingOf).ToList();
                name = Path.GetFileNameWithoutExtension(source.Name);
                Console.WriteLine($"learned phrases: counted per document and per sentence (the gold's own evidence spans); settings: {string.Join(", ", documents.GroupBy(d => d.Setting).Select(g => $"{g.Key} {g.Count()}"))}");
            }
            var started = DateTime.UtcNow;
            var engine = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngineOptions>>().Value;
            var dense = await DenseSources.ForTrainingAsync(host.Services, lexicon, documents.Select(d => d.Text).ToList(), ct);
            var priors = PriorLearner.Learn(documents, lexicon, $"{name} ({documents.Count} docs, {codingPolicy.ToString().ToLowerInvariant()}, ICD-10-CM {lexicon.ReleaseVersion}{(dense is null ? "" : ", dense")})",
                report: Console.Out, dense: dense, denseSettings: engine.DenseSettings, goldEdition: edition, policy: codingPolicy);
            var path = (parse.GetValue(output) ?? new FileInfo(Path.Combine("eval", "priors", codingPolicy == CodingPolicy.Claims ? "usnotes-train.json" : "codiesp-train.json"))).FullName;
            priors.Save(path);
            Console.WriteLine($"learned from {documents.Count} documents in {(DateTime.UtcNow - started).TotalSeconds:F1} s: {priors.Codes.Count} codes, {priors.Terms.Count} terms, threshold {Coding.Core.Engine.Ranking.CandidateRanker.Threshold(priors)} ({(priors.Boosted is null ? "logistic" : $"{priors.Boosted.Trees.Length} boosted trees")}) → {path}");
            Console.WriteLine(string.Join(Environment.NewLine, priors.Model!.Features.Select((f, i) => $"  {f,-22} {priors.Model.Weights[i],8:F3}")) + $"{Environment.NewLine}  {"bias",-22} {priors.Model.Bias,8:F3}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Priors from the site's own finalized encounters (the coders' decisions as labels), written beside the local state by
    /// default: a site deploys them as its worker's priors only after measuring them on its own held-out encounters.
    /// </summary>
    private static async Task<int> LearnFromFinalizedAsync(DateOnly date, DateOnly? since, CodingPolicy policy, FileInfo? output, CancellationToken ct)
    {
        using var host = CliHost.Build(PolicyOverride(policy));
        var lexicon = await LexiconAsync(host.Services, date, ct);
        if (lexicon is null) return 3;
        var documents = await EvalLearnFinalized.LoadAsync(host.Services, since, Console.Out, ct);
        if (documents is null) return 4;
        if (documents.Count < 10)
        {
            Console.Error.WriteLine($"{documents.Count} finalized encounters: too few to learn from (at least 10; five folds are cross-fitted)");
            return 4;
        }
        var started = DateTime.UtcNow;
        var priors = PriorLearner.Learn(documents, lexicon, $"finalized ({documents.Count} encounters{(since is null ? "" : $" since {since:yyyy-MM-dd}")}, {policy.ToString().ToLowerInvariant()}, ICD-10-CM {lexicon.ReleaseVersion})",
            report: Console.Out, policy: policy);
        var path = (output ?? new FileInfo(Path.Combine(".local", "priors", "finalized.json"))).FullName;
        priors.Save(path);
        Console.WriteLine($"learned from {documents.Count} finalized encounters in {(DateTime.UtcNow - started).TotalSeconds:F1} s, threshold {Coding.Core.Engine.Ranking.CandidateRanker.Threshold(priors)} → {path}");
        return 0;
    }

    /// <summary>The host's engine runs the policy measured or learned: its priors and its lexicon (External Cause Index terms) follow it.</summary>
    private static Dictionary<string, string?> PolicyOverride(CodingPolicy policy) => new() { [$"{EngineOptions.Section}:{nameof(EngineOptions.Policy)}"] = policy.ToString() };

    /// <summary>A gold note as a training document: its ICD-10-CM codes, their evidence spans, its setting (else inpatient, as CodiEsp's).</summary>
    private static TrainingDocument TrainingOf(GoldDocument d) =>
        PriorLearner.Document(d.ExternalId, d.Note, d.Codes.Where(c => string.Equals(c.System, GoldJsonl.Icd10Cm, StringComparison.OrdinalIgnoreCase))
            .Select(c => (c.Code, c.Spans)), d.Setting ?? CareSetting.Inpatient);

    private static void Explain(EvaluationDocument document, IReadOnlySet<string> gold, TermLexicon lexicon, CodingPriors priors, CareSetting setting,
        DenseSource? dense, Coding.Core.Engine.Dense.DenseSettings denseSettings, CodeEdition? edition, CodingPolicy policy)
    {
        var (run, retrieval) = DeterministicCoder.Code(document.Text, dense, denseSettings, lexicon, priors, setting, document.Age, document.Sex, policy);
        foreach (var h in retrieval?.Hits ?? [])
            Console.WriteLine($"dense  {h.Code,-8} {h.Similarity:F3} #{h.Rank} '{document.Text[h.Start..h.End]}' → {lexicon.Code(h.Code)?.Title}");
        var goldKeys = gold.Select(CodeKey.Match).ToHashSet();
        foreach (var m in Coding.Core.Engine.Candidates.TermMatcher.Match(run.Note, lexicon))
        {
            var term = lexicon.Terms[m.Term];
            Console.WriteLine($"match  {term.Code,-8} {term.Kind,-9} [{string.Join(' ', lexicon.Keys[m.Term])}] '{document.Text[m.Start..m.End]}'");
        }
        foreach (var e in run.Candidates.Excluded)
            Console.WriteLine($"excl   {e.Code,-8} {e.Status} '{document.Text[e.Match.Start..e.Match.End]}'");
        foreach (var c in run.Ranked)
            Console.WriteLine($"kept   {c.Code,-8} {c.Confidence:F3} {(c.Confidence >= run.Threshold ? "SUGG" : "    ")} {(goldKeys.HoldsCode(c.Code, edition) ? "GOLD" : "    ")} {(c.Role == DiagnosisRole.Secondary ? "" : c.Role + " ")}{(c.Poa is { } poa ? "POA " + poa.Letter() + " " : "")}{(c.Mentions.TrueForAll(m => m.Dense is not null) ? "dense " : "")}{c.Title}");
        foreach (var r in run.Removed)
            Console.WriteLine($"remove {r.Candidate.Code,-8} {r.Reason}");
        var offered = run.Candidates.Candidates.Select(c => CodeKey.MatchIn(c.Code, edition)).ToHashSet();
        foreach (var g in goldKeys.Where(k => !offered.Contains(k)))
            Console.WriteLine($"missed {g,-8} {lexicon.Code(g)?.Title ?? "(not in release)"}");
    }

    /// <summary>
    /// CodiEsp's gold edition (FY2017) from the conversion table of the release in force, read from the codebook folder
    /// (<see cref="CodebookSources"/>); without the table, codes compare as the release writes them, and the run says so.
    /// </summary>
    private static CodeEdition? CodiEspEditionOf(IServiceProvider services, TermLexicon lexicon)
    {
        var edition = CodiEspEdition.FromCodebooks(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CodebooksOptions>>().Value.SourceRoot, lexicon.ReleaseVersion);
        Console.WriteLine(edition is null
            ? $"no ICD-10-CM {lexicon.ReleaseVersion} conversion table found: codes created since CodiEsp's edition compare as written (R51.9 is not the gold's R51)"
            : $"gold edition {edition.Name}: {edition.Conversions} newer codes compared as the code they replaced (ICD-10-CM {lexicon.ReleaseVersion} conversion table)");
        return edition;
    }

    internal static async Task<TermLexicon?> LexiconAsync(IServiceProvider services, DateOnly date, CancellationToken ct)
    {
        try
        {
            return await services.GetRequiredService<TermLexiconProvider>().ForAsync(CodeSystem.Icd10Cm, date, ct);
        }
        catch (NoCodebookInForceException e)
        {
            Console.Error.WriteLine($"{e.Message}{Environment.NewLine}Import the codebooks first: dotnet run --project src/Coding.Cli -- codebook import");
            return null;
        }
    }

    private static (string, IReadOnlyList<EvaluationDocument>, IReadOnlyDictionary<string, IReadOnlySet<string>>, IReadOnlyList<GoldDocument>?) FromCodiEsp(DirectoryInfo dir, string language)
    {
        var split = CodiEspReader.ReadSplit(dir.FullName, language == "es" ? CodiEspLanguage.Spanish : CodiEspLanguage.English);
        return ($"codiesp-{dir.Name}-{language}", split.Documents.Select(d => new EvaluationDocument(d, split.Texts[d])).ToList(), split.Diagnoses, null);
    }

    private static (string, IReadOnlyList<EvaluationDocument>, IReadOnlyDictionary<string, IReadOnlySet<string>>, IReadOnlyList<GoldDocument>?) FromJsonl(FileInfo file)
    {
        var documents = GoldJsonl.Read(file.FullName);
        return (Path.GetFileNameWithoutExtension(file.Name), documents.Select(d => new EvaluationDocument(d.ExternalId, d.Note, d.Setting, d.PatientAge, d.PatientSex)).ToList(),
            GoldJsonl.ToGoldSet(documents), documents);
    }
}
