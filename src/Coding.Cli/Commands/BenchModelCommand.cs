using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Coding.Core.Adjudication;
using Coding.Core.Model;
using Coding.Core.Model.Gguf;
using Coding.Core.Model.Llama;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Coding.Cli.Commands;

/// <summary>
/// <c>coding bench model</c>: tokens/s and adjudications/s of the in-process llama backend with and without the
/// schema grammar, on synthetic encounters. Without --model it generates the tiny random-weight GGUF the tests use,
/// so the figures measure our decode + grammar path, not a real model's quality. Writes model.json + model.md.
/// </summary>
internal static class BenchModelCommand
{
    /// <summary>The `bench model` sub-command.</summary>
    public static Command Model()
    {
        var model = new Option<FileInfo?>("--model") { Description = "GGUF to benchmark (default: a generated tiny random-weight llama)" };
        var gpuLayers = new Option<int>("--gpu-layers") { Description = "Layers to offload (CUDA backend, -p:LlamaBackend=Cuda12); 0 = CPU, -1 = all", DefaultValueFactory = _ => 0 };
        // One thread by default: for the tiny model, llama.cpp's thread hand-off costs more than the arithmetic, and on a
        // shared machine spinning threads measure the neighbours, not us. Real models want --threads 0 (all cores).
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = all cores)", DefaultValueFactory = _ => 1 };
        var count = new Option<int>("--adjudications") { Description = "Timed adjudications per mode", DefaultValueFactory = _ => 20 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Generation limit per adjudication", DefaultValueFactory = _ => 256 };
        var saveTiny = new Option<FileInfo?>("--save-tiny") { Description = "Keep the generated tiny GGUF at this path (e.g. for `--model-backend llama --model` smoke runs)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where model.json and model.md go", DefaultValueFactory = _ => new DirectoryInfo("artifacts/bench") };
        var modelCommand = new Command("model", "Tokens/s and adjudications/s of the llama backend, with and without the JSON-schema grammar")
        {
            model, gpuLayers, threads, count, maxTokens, saveTiny, output,
        };
        modelCommand.SetAction(async (parse, ct) =>
        {
            var report = await RunAsync(parse.GetValue(model), parse.GetValue(gpuLayers), parse.GetValue(threads),
                parse.GetValue(count), parse.GetValue(maxTokens), parse.GetValue(saveTiny), ct);
            var dir = parse.GetValue(output)!;
            dir.Create();
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "model.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }), ct);
            var md = report.Markdown();
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "model.md"), md, ct);
            Console.WriteLine(md);
            return 0;
        });
        return modelCommand;
    }

    private static async Task<ModelBenchReport> RunAsync(FileInfo? modelFile, int gpuLayers, int threads, int count, int maxTokens, FileInfo? saveTiny, CancellationToken ct)
    {
        string? temp = null;
        var path = modelFile?.FullName;
        if (path is null)
        {
            var vocab = TinyLlamaGguf.DefaultVocabulary() ?? throw new InvalidOperationException("no vocabulary GGUF: run scripts/llama.sh install");
            temp = Directory.CreateTempSubdirectory("coding-bench-").FullName;
            path = Path.Combine(temp, "tiny.gguf");
            TinyLlamaGguf.Create(vocab, path);
            if (saveTiny is not null)
            {
                saveTiny.Directory?.Create();
                File.Copy(path, saveTiny.FullName, overwrite: true);
            }
        }
        try
        {
            var llama = new LlamaOptions { ModelPath = path, GpuLayers = gpuLayers, Threads = threads, ContextSize = 4096 };
            using var service = LlamaChatCompletionService.Create(llama);
            var modes = await RunModesAsync(service,
                [("grammar (default: our pipeline, check-first + prefilter)", true, true, true), ("grammar, LLamaSharp pipeline (check-first/top-k)", true, true, false), ("grammar, LLamaSharp full pass", true, false, false), ("no grammar", false, false, false)],
                count, maxTokens, ct);
            modes.AddRange(await RunFullAnswersAsync(service, count, maxTokens, ct));
            var withGrammar = modes[0];
            var without = modes[3];
            return new ModelBenchReport(
                DateTimeOffset.UtcNow,
                Environment.MachineName,
                RuntimeInformation.OSDescription,
                Environment.ProcessorCount,
                service.Model.NativeLibrary,
                service.Model.OnGpu ? "cuda" : "cpu",
                gpuLayers,
                threads > 0 ? threads : Environment.ProcessorCount,
                modelFile is null ? "generated tiny random-weight llama (2 layers, 64 dim, llama-spm vocabulary)" : path,
                service.Model.Sha256,
                service.Model.Description,
                maxTokens,
                service.Model.VocabularySize,
                modes,
                GrammarOverheadPercent: Overhead(withGrammar, without),
                FullAnswerGrammarOverheadPercent: Overhead(modes[4], modes[7]));
        }
        finally
        {
            if (temp is not null)
                Directory.Delete(temp, recursive: true);
        }
    }

    private static double Overhead(ModeResult with, ModeResult without) =>
        without.DecodeTokensPerSecond > 0 ? Math.Round((1 - with.DecodeTokensPerSecond / without.DecodeTokensPerSecond) * 100, 2) : 0;

    /// <summary>
    /// Runs the modes round-robin, one adjudication each in turn, so that load from other processes on a shared
    /// machine falls on all modes alike instead of on whichever ran during a busy minute.
    /// </summary>
    private static async Task<List<ModeResult>> RunModesAsync(LlamaChatCompletionService service, (string Name, bool Grammar, bool CheckFirst, bool Prefilter)[] modes, int count, int maxTokens, CancellationToken ct)
    {
        var options = new ModelOptions { Backend = ModelBackend.Llama, MaxTokens = maxTokens, MaxCodes = 3, MaxEvidencePerCode = 2, RationaleMaxLength = 48, Timeout = TimeSpan.FromMinutes(5) };
        var runs = modes.Select(m =>
        {
            var metered = new MeteredChat(service, m.Grammar, m.CheckFirst, m.Prefilter);
            var adjudicator = new ModelAdjudicator(metered, new AdjudicationBackend("llama", service.Model.Sha256, null), Microsoft.Extensions.Options.Options.Create(options), NullLogger<ModelAdjudicator>.Instance);
            return (Mode: m, Metered: metered, Adjudicator: adjudicator, Fallbacks: new Dictionary<string, int>(), Clock: new Stopwatch());
        }).ToList();

        foreach (var run in runs)
        {
            for (var i = 0; i < 2; i++) // warm-up: first touch of weights, caches and the grammar
                await run.Adjudicator.AdjudicateAsync(SyntheticAdjudications.Create(1000 + i), ct);
            run.Metered.Reset();
        }
        for (var i = 0; i < count; i++)
        {
            var request = SyntheticAdjudications.Create(i, candidates: 2 + i % 5);
            foreach (var run in runs)
            {
                run.Clock.Start();
                var result = await run.Adjudicator.AdjudicateAsync(request, ct);
                run.Clock.Stop();
                if (result.Provenance.Fallback is { } f)
                    run.Fallbacks[f.Reason.ToString()] = run.Fallbacks.GetValueOrDefault(f.Reason.ToString()) + 1;
            }
        }
        return runs.Select(r =>
        {
            var wall = r.Clock.Elapsed.TotalSeconds;
            var m = r.Metered;
            return new ModeResult(
                r.Mode.Name,
                r.Mode.Grammar,
                count,
                Math.Round(wall, 3),
                Math.Round(count / wall, 3),
                m.GeneratedTokens,
                Math.Round(m.GeneratedTokens / m.GenerationSeconds, 1),
                Math.Round(m.PromptTokens / m.PromptSeconds, 1),
                Math.Round((double)m.PromptTokens / count, 1),
                Math.Round((double)m.GeneratedTokens / count, 1),
                count - r.Fallbacks.Values.Sum(),
                r.Fallbacks,
                m.FullGrammarPasses,
                m.FilteredGrammarPasses);
        }).ToList();
    }

    /// <summary>
    /// The same prompts with the schema demanding at least one code, so every answer is a full JSON object (codes,
    /// evidence, confidence, rationale): a random model otherwise answers <c>{"codes":[]}</c>, which says little about
    /// the grammar's cost on the answers a real model gives. Calls the service directly and validates each answer.
    /// </summary>
    private static async Task<List<ModeResult>> RunFullAnswersAsync(LlamaChatCompletionService service, int count, int maxTokens, CancellationToken ct)
    {
        var limits = new AdjudicationPrompt.Limits(MaxCodes: 3, MaxEvidencePerCode: 2, RationaleMaxLength: 48, MinCodes: 1);
        // The no-grammar row runs interleaved with the others, so the overhead compares tokens decoded under the same load.
        var runs = new[]
            {
                ("full answer, grammar (default)", true, true, true), ("full answer, LLamaSharp pipeline (check-first/top-k)", true, true, false),
                ("full answer, LLamaSharp full pass", true, false, false), ("full answer prompts, no grammar (same lengths)", false, false, false),
            }
            .Select(m => (Name: m.Item1, Grammar: m.Item2, Metered: new MeteredChat(service, grammar: m.Item2, checkFirst: m.Item3, prefilter: m.Item4), Clock: new Stopwatch(), Invalid: new Dictionary<string, int>()))
            .ToList();
        for (var i = 0; i < count; i++)
        {
            var request = SyntheticAdjudications.Create(i, candidates: 2 + i % 5);
            var rendered = AdjudicationPrompt.Render(request, limits);
            var history = new ChatHistory();
            history.AddSystemMessage(rendered.System);
            history.AddUserMessage(rendered.User);
            var answerTokens = maxTokens;
            for (var r = 0; r < runs.Count; r++)
            {
                var run = runs[r];
                // Without the grammar, stop at the grammatical answer's length: a decode step costs more the longer the
                // context, so running on to the token limit would make the no-grammar tokens look slower than they are.
                var settings = new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings
                {
                    ResponseFormat = AdjudicationPrompt.ResponseFormat(rendered.Schema),
                    MaxTokens = run.Grammar ? maxTokens : Math.Max(1, answerTokens),
                };
                run.Clock.Start();
                var reply = await run.Metered.GetChatMessageContentsAsync(history, settings, cancellationToken: ct);
                run.Clock.Stop();
                if (r == 0)
                    answerTokens = (int)reply[0].Metadata!["CompletionTokens"]!;
                var parsed = AdjudicationOutput.Parse(reply[0].Content ?? "", request, rendered.SentenceIds, limits);
                if (!parsed.IsValid)
                {
                    // A grammar-constrained answer can only be invalid when the token limit cut it off; say which.
                    var why = reply[0].Metadata?["FinishReason"] as string == "length" ? "TokenLimit" : $"InvalidOutput ({parsed.Error})";
                    run.Invalid[why] = run.Invalid.GetValueOrDefault(why) + 1;
                }
            }
        }
        return runs.Select(r => new ModeResult(
            r.Name, r.Grammar, count, Math.Round(r.Clock.Elapsed.TotalSeconds, 3), Math.Round(count / r.Clock.Elapsed.TotalSeconds, 3),
            r.Metered.GeneratedTokens,
            Math.Round(r.Metered.GeneratedTokens / r.Metered.GenerationSeconds, 1),
            Math.Round(r.Metered.PromptTokens / r.Metered.PromptSeconds, 1),
            Math.Round((double)r.Metered.PromptTokens / count, 1),
            Math.Round((double)r.Metered.GeneratedTokens / count, 1),
            count - r.Invalid.Values.Sum(),
            r.Invalid,
            r.Metered.FullGrammarPasses,
            r.Metered.FilteredGrammarPasses)).ToList();
    }

    /// <summary>Passes calls through to the llama service, switching the grammar and summing its per-call timings.</summary>
    private sealed class MeteredChat(LlamaChatCompletionService inner, bool grammar, bool checkFirst, bool prefilter) : IChatCompletionService
    {
        public long GeneratedTokens { get; private set; }
        public long PromptTokens { get; private set; }
        public double GenerationSeconds { get; private set; }
        public double PromptSeconds { get; private set; }
        public long FullGrammarPasses { get; private set; }
        public long FilteredGrammarPasses { get; private set; }

        public IReadOnlyDictionary<string, object?> Attributes => inner.Attributes;

        public void Reset() => (GeneratedTokens, PromptTokens, GenerationSeconds, PromptSeconds, FullGrammarPasses, FilteredGrammarPasses) = (0, 0, 0, 0, 0, 0);

        public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
        {
            executionSettings ??= new PromptExecutionSettings();
            executionSettings.ExtensionData ??= new Dictionary<string, object>();
            executionSettings.ExtensionData[LlamaChatCompletionService.GrammarSetting] = grammar;
            executionSettings.ExtensionData[LlamaChatCompletionService.GrammarCheckFirstSetting] = checkFirst;
            executionSettings.ExtensionData[LlamaChatCompletionService.GrammarPrefilterSetting] = prefilter;
            var reply = await inner.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
            var m = reply[0].Metadata!;
            GeneratedTokens += (int)m["CompletionTokens"]!;
            PromptTokens += (int)m["PromptTokens"]!;
            GenerationSeconds += (double)m["GenerationSeconds"]!;
            PromptSeconds += (double)m["PromptSeconds"]!;
            FullGrammarPasses += (int)m["FullGrammarPasses"]!;
            FilteredGrammarPasses += (int)m["FilteredGrammarPasses"]!;
            return reply;
        }

        public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}

internal sealed record ModeResult(
    string Mode,
    bool Grammar,
    int Adjudications,
    double WallSeconds,
    double AdjudicationsPerSecond,
    long GeneratedTokens,
    double DecodeTokensPerSecond,
    double PromptTokensPerSecond,
    double MeanPromptTokens,
    double MeanGeneratedTokens,
    int ValidAnswers,
    Dictionary<string, int> Fallbacks,
    long FullGrammarPasses,
    long FilteredGrammarPasses)
{
    /// <summary>Decode time per generated token in µs (sampling included).</summary>
    public double MicrosecondsPerToken => DecodeTokensPerSecond > 0 ? 1e6 / DecodeTokensPerSecond : 0;
}

internal sealed record ModelBenchReport(
    DateTimeOffset When,
    string Machine,
    string Os,
    int LogicalCores,
    string NativeLibrary,
    string Device,
    int GpuLayers,
    int Threads,
    string Model,
    string ModelSha256,
    string ModelDescription,
    int MaxTokens,
    int VocabularySize,
    IReadOnlyList<ModeResult> Modes,
    double GrammarOverheadPercent,
    double FullAnswerGrammarOverheadPercent)
{
    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"# Model backend benchmark ({When:yyyy-MM-dd HH:mm} UTC)\n\n");
        sb.Append(c, $"- device: **{Device}** ({GpuLayers} GPU layers), {Threads} threads, {LogicalCores} logical cores, {Os}\n");
        sb.Append(c, $"- model: {Model} — {ModelDescription}, {ModelSha256}\n");
        sb.Append(c, $"- llama.cpp: LLamaSharp {typeof(LLama.LLamaWeights).Assembly.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>()?.InformationalVersion}, native build {NativeLibrary}\n");
        sb.Append(c, $"- workload: synthetic encounters, 2–6 candidates, prompt {AdjudicationPrompt.Version}, max {MaxTokens} generated tokens, greedy\n\n");
        sb.Append("| sampling | adjudications | adjudications/s | decode tokens/s | µs/token | prompt tokens/s | mean prompt tokens | mean generated tokens | full-vocabulary passes | prefiltered passes | valid answers | fallbacks |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var m in Modes)
        {
            var fallbacks = m.Fallbacks.Count == 0 ? "none" : string.Join(", ", m.Fallbacks.Select(f => $"{f.Key} × {f.Value}"));
            var sampled = m.GeneratedTokens + m.Adjudications;
            // LLamaSharp's pipelines do not count their passes; only ours does.
            var counted = m.Grammar && m.FullGrammarPasses + m.FilteredGrammarPasses > 0;
            var passes = counted ? $"{m.FullGrammarPasses}/{sampled}" : "–";
            var filtered = counted ? $"{m.FilteredGrammarPasses}/{sampled}" : "–";
            sb.Append(c, $"| {m.Mode} | {m.Adjudications} | {m.AdjudicationsPerSecond:0.###} | {m.DecodeTokensPerSecond:0.#} | {m.MicrosecondsPerToken:0} | {m.PromptTokensPerSecond:0.#} | {m.MeanPromptTokens:0.#} | {m.MeanGeneratedTokens:0.#} | {passes} | {filtered} | {m.ValidAnswers}/{m.Adjudications} | {fallbacks} |\n");
        }
        var none = Modes.First(m => !m.Grammar);
        var noneFull = Modes.LastOrDefault(m => !m.Grammar) ?? none;
        sb.Append(c, $"\nGrammar overhead on decode tokens/s (default grammar vs no grammar, 1 − with/without): **{GrammarOverheadPercent:0.#} %** on the production schema, **{FullAnswerGrammarOverheadPercent:0.#} %** on full answers.\n");
        foreach (var m in Modes.Where(m => m.Grammar && m.DecodeTokensPerSecond > 0))
        {
            var baseline = m.Mode.StartsWith("full answer", StringComparison.Ordinal) ? noneFull : none;
            sb.Append(c, $"- {m.Mode}: {(1 - m.DecodeTokensPerSecond / baseline.DecodeTokensPerSecond) * 100:0.#} % overhead vs \"{baseline.Mode}\", grammar ≈ {m.MicrosecondsPerToken - baseline.MicrosecondsPerToken:0} µs per token\n");
        }
        if (Modes.FirstOrDefault(m => m.Mode == "full answer, grammar (default)") is { DecodeTokensPerSecond: > 0 } fa)
        {
            var grammarUs = Math.Max(0, fa.MicrosecondsPerToken - noneFull.MicrosecondsPerToken);
            sb.Append(c, $"\n**What this means for a real model (estimate).** On full answers the default grammar path costs ≈ {grammarUs:0} µs per token here ")
                .Append("(whatever the model: the cost depends on the vocabulary and grammar, not on the weights). A 7–8B model decodes far slower than this ")
                .Append("2-layer, 64-dimension one: public llama.cpp figures give ~56.8 tokens/s for llama 7B Q4_0 on a P40 (tg128, ggml-org/llama.cpp#4766) ")
                .Append("and ~93 tokens/s for Llama 3 8B Q6 on an RTX 4090 (dmatora/LLM-inference-speed-benchmarks#10), i.e. 17.6 and 10.8 ms per token; ")
                .Append(c, $"the grammar would then add ≈ {grammarUs / 17600 * 100:0.##} % and ≈ {grammarUs / 10750 * 100:0.##} % (CPU decoding of such a model is slower still, so its share is smaller). ")
                .Append("A real model's own choice is also mostly grammatical, so check-first settles most tokens, which a random model cannot show.\n");
        }
        sb.Append("\nFull-vocabulary passes = sampled tokens (generated + the end token) for which the grammar tested the whole vocabulary; prefiltered passes = tokens settled by the top-64 or first-byte prefilter instead. A random-weight model's own choice is almost never valid JSON, so it rarely passes check-first: the worst case for the grammar's cost.\n");
        sb.Append("Without the grammar a random-weight model never produces valid JSON, so it runs to the token limit and every answer falls back; compare tokens/s, not adjudications/s, between the rows.\n");
        return sb.ToString();
    }
}
