using System.Text.Json;
using Coding.Core.Adjudication;
using Coding.Core.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Coding.IntegrationTests.Model;

/// <summary>The real load → tokenize → decode → grammar path on a tiny random-weight model.</summary>
public sealed class the_llama_backend(TinyModel model, ITestOutputHelper output) : IClassFixture<TinyModel>
{
    private static ModelOptions Options() => new()
    {
        Backend = ModelBackend.Llama,
        MaxTokens = 320,
        MaxCodes = 2,
        MaxEvidencePerCode = 2,
        RationaleMaxLength = 24,
        Timeout = TimeSpan.FromMinutes(2),
    };

    private ModelAdjudicator Adjudicator(ModelOptions? o = null) =>
        new(model.Service, new AdjudicationBackend("llama", model.Service.Model.Sha256, null), Microsoft.Extensions.Options.Options.Create(o ?? Options()), NullLogger<ModelAdjudicator>.Instance);

    [LlamaFact]
    public void loads_the_generated_gguf_with_its_real_vocabulary()
    {
        Assert.Equal(32000, model.Service.Model.VocabularySize);
        Assert.StartsWith("sha256:", model.Service.Model.Sha256, StringComparison.Ordinal);
        var tokens = model.Service.Model.Tokenize("Type 2 diabetes mellitus", addSpecial: true);
        Assert.InRange(tokens.Length, 4, 12);
    }

    [LlamaFact]
    public async Task every_constrained_answer_parses_against_the_schema_and_names_only_candidates()
    {
        var adjudicator = Adjudicator();
        for (var seed = 1; seed <= 6; seed++)
        {
            var request = SyntheticAdjudications.Create(seed, candidates: 2 + seed % 4);
            var result = await adjudicator.AdjudicateAsync(request, CancellationToken.None);
            output.WriteLine($"seed {seed}: {result.Codes.Count} codes, fallback {result.Provenance.Fallback?.Reason.ToString() ?? "none"} {result.Provenance.Fallback?.Detail}");

            Assert.Null(result.Provenance.Fallback);
            Assert.Equal("llama", result.Provenance.Backend);
            Assert.Equal(model.Service.Model.Sha256, result.Provenance.Model);
            Assert.Equal(AdjudicationPrompt.Version, result.Provenance.PromptVersion);
            Assert.StartsWith("sha256:", result.Provenance.PromptHash, StringComparison.Ordinal);
            var candidates = request.Candidates.Select(c => c.Code).ToHashSet();
            var shown = AdjudicationPrompt.SelectContext(request, 1).Select(s => s.Id).ToHashSet();
            Assert.All(result.Codes, c =>
            {
                Assert.Contains(c.Code, candidates);
                Assert.NotEmpty(c.EvidenceSentenceIds);
                Assert.All(c.EvidenceSentenceIds, id => Assert.Contains(id, shown));
                Assert.InRange(c.Confidence, 0, 1);
            });
        }
    }

    [LlamaFact]
    public async Task full_answers_forced_by_the_schema_always_pass_validation()
    {
        // minItems 1 forces the random model to write codes, evidence, confidence and a rationale: the grammar and the
        // validator must agree on every detail (string length in characters, number format, escapes).
        var limits = new AdjudicationPrompt.Limits(MaxCodes: 3, MaxEvidencePerCode: 2, RationaleMaxLength: 48, MinCodes: 1);
        for (var seed = 0; seed < 12; seed++)
        {
            var request = SyntheticAdjudications.Create(seed, candidates: 2 + seed % 5);
            var rendered = AdjudicationPrompt.Render(request, limits);
            var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory();
            history.AddSystemMessage(rendered.System);
            history.AddUserMessage(rendered.User);
            var settings = new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings { ResponseFormat = AdjudicationPrompt.ResponseFormat(rendered.Schema), MaxTokens = 400 };
            var reply = (await model.Service.GetChatMessageContentsAsync(history, settings))[0];
            var parsed = AdjudicationOutput.Parse(reply.Content!, request, rendered.SentenceIds, limits);
            Assert.True(parsed.IsValid, $"seed {seed} ({reply.Metadata!["FinishReason"]}): {parsed.Error}: {reply.Content}");
        }
    }

    [LlamaFact]
    public async Task the_raw_completion_is_compact_json_from_the_grammar()
    {
        var request = SyntheticAdjudications.Create(11, candidates: 3);
        var limits = new AdjudicationPrompt.Limits(2, 2, 24, 1);
        var rendered = AdjudicationPrompt.Render(request, limits);
        var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory();
        history.AddSystemMessage(rendered.System);
        history.AddUserMessage(rendered.User);
        var settings = new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings { ResponseFormat = AdjudicationPrompt.ResponseFormat(rendered.Schema), MaxTokens = 320 };
        var reply = await model.Service.GetChatMessageContentsAsync(history, settings);
        var text = reply[0].Content!;
        output.WriteLine(text);
        Assert.Equal("stop", reply[0].Metadata!["FinishReason"]);
        using var doc = JsonDocument.Parse(text);
        Assert.True(AdjudicationOutput.Parse(text, request, rendered.SentenceIds, limits).IsValid);
    }

    [LlamaFact]
    public async Task without_the_grammar_a_random_model_is_caught_by_validation_and_falls_back()
    {
        var request = SyntheticAdjudications.Create(5, candidates: 3);
        var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory();
        history.AddUserMessage("hello");
        var settings = new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings
        {
            MaxTokens = 24,
            ExtensionData = new Dictionary<string, object> { [Coding.Core.Model.Llama.LlamaChatCompletionService.GrammarSetting] = false },
        };
        var reply = await model.Service.GetChatMessageContentsAsync(history, settings);
        var parsed = AdjudicationOutput.Parse(reply[0].Content!, request, [0, 1, 2], new AdjudicationPrompt.Limits());
        Assert.False(parsed.IsValid);
    }

    [LlamaFact]
    public void check_first_skips_the_full_grammar_pass_when_the_models_own_choice_is_allowed()
    {
        // A grammar that allows any text without quotes or control characters: most of the random model's own choices
        // pass, so only the rejected ones need more than a one-token question — and none of the output breaks the grammar.
        const string anyText = """root ::= [^"\\\x7F\x00-\x1F]*""";
        using var session = model.Service.Model.CreateSession(contextSize: 512, threads: 1);
        using var ours = model.Service.CreateSampling(anyText, temperature: 0, seed: 0, checkFirst: true, prefilter: true);
        var checkFirst = session.Generate("Free text:", ours, maxTokens: 40, CancellationToken.None);
        using var reference = model.Service.CreateSampling(anyText, temperature: 0, seed: 0, checkFirst: false, prefilter: false);
        var full = session.Generate("Free text:", reference, maxTokens: 40, CancellationToken.None);

        output.WriteLine($"check-first: {checkFirst.FullGrammarPasses} full + {checkFirst.FilteredGrammarPasses} filtered passes for {checkFirst.GeneratedTokens} tokens");
        Assert.IsType<LLama.Sampling.GreedySamplingPipeline>(reference); // LLamaSharp's own: the grammar over the whole vocabulary
        Assert.True(checkFirst.FullGrammarPasses < checkFirst.GeneratedTokens / 2, $"{checkFirst.FullGrammarPasses} full passes for {checkFirst.GeneratedTokens} tokens");
        Assert.Equal(full.Text, checkFirst.Text); // greedy + same grammar: the shortcut must not change the answer
        Assert.DoesNotContain('"', checkFirst.Text);
    }

    [LlamaFact]
    public void the_grammar_prefilter_chooses_exactly_the_tokens_llamasharps_whole_vocabulary_pass_chooses()
    {
        // Full answers (minItems 1) cross every kind of grammar position: punctuation, enum codes, sentence ids, digits
        // of the confidence, free rationale text. Greedy decoding must give the same bytes as LLamaSharp's greedy
        // pipeline with the grammar over the whole vocabulary, while ours spares (nearly) every whole-vocabulary pass.
        var limits = new AdjudicationPrompt.Limits(MaxCodes: 3, MaxEvidencePerCode: 2, RationaleMaxLength: 48, MinCodes: 1);
        using var session = model.Service.Model.CreateSession(contextSize: 2048, threads: 1);
        for (var seed = 0; seed < 4; seed++)
        {
            var rendered = AdjudicationPrompt.Render(SyntheticAdjudications.Create(seed, candidates: 2 + seed), limits);
            var grammar = JsonSchemaToGbnf.Convert(rendered.Schema);
            var prompt = model.Service.Model.RenderChat([("system", rendered.System), ("user", rendered.User)]);
            using var ours = model.Service.CreateSampling(grammar, temperature: 0, seed: 0, checkFirst: true, prefilter: true);
            var filtered = session.Generate(prompt, ours, maxTokens: 300, CancellationToken.None);
            using var reference = model.Service.CreateSampling(grammar, temperature: 0, seed: 0, checkFirst: false, prefilter: false);
            var full = session.Generate(prompt, reference, maxTokens: 300, CancellationToken.None);
            output.WriteLine($"seed {seed}: {filtered.GeneratedTokens} tokens, {filtered.FilteredGrammarPasses} prefiltered + {filtered.FullGrammarPasses} full passes: {filtered.Text}");

            Assert.Equal(full.Text, filtered.Text);
            Assert.True(filtered.Finished);
            Assert.True(filtered.FullGrammarPasses * 10 < full.GeneratedTokens + 1, $"{filtered.FullGrammarPasses} full passes left of {full.GeneratedTokens + 1}");
        }
    }

    [LlamaFact]
    public void llamasharps_top_k_grammar_optimisation_gives_the_same_greedy_answer()
    {
        // The bench compares our pipeline with LLamaSharp's Extended mode; the comparison only means something if both
        // write the same answer. (Temperature 0 in llama.cpp's temperature sampler keeps only the highest logit.)
        var limits = new AdjudicationPrompt.Limits(MaxCodes: 3, MaxEvidencePerCode: 2, RationaleMaxLength: 48, MinCodes: 1);
        var rendered = AdjudicationPrompt.Render(SyntheticAdjudications.Create(7, candidates: 3), limits);
        var grammar = JsonSchemaToGbnf.Convert(rendered.Schema);
        var prompt = model.Service.Model.RenderChat([("system", rendered.System), ("user", rendered.User)]);
        using var session = model.Service.Model.CreateSession(contextSize: 2048, threads: 1);
        using var ours = model.Service.CreateSampling(grammar, temperature: 0, seed: 0, checkFirst: true, prefilter: true);
        using var extended = model.Service.CreateSampling(grammar, temperature: 0, seed: 0, checkFirst: true, prefilter: false);

        Assert.IsType<LLama.Sampling.DefaultSamplingPipeline>(extended);
        Assert.Equal(session.Generate(prompt, ours, 300, CancellationToken.None).Text, session.Generate(prompt, extended, 300, CancellationToken.None).Text);
    }

    [LlamaFact]
    public async Task a_timeout_returns_the_deterministic_result_and_records_it()
    {
        // Keep both llama contexts busy with long unconstrained generations (they take their slots synchronously),
        // so the adjudication deterministically waits past its 50 ms budget.
        using var stop = new CancellationTokenSource();
        var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory();
        history.AddUserMessage("hello");
        var busy = new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings
        {
            MaxTokens = 1500,
            ExtensionData = new Dictionary<string, object> { [Coding.Core.Model.Llama.LlamaChatCompletionService.GrammarSetting] = false },
        };
        var occupiers = Enumerable.Range(0, model.Options.ParallelSequences).Select(_ => model.Service.GetChatMessageContentsAsync(history, busy, cancellationToken: stop.Token)).ToList();

        var o = Options();
        o.Timeout = TimeSpan.FromMilliseconds(50);
        var request = SyntheticAdjudications.Create(3, candidates: 3);
        var result = await Adjudicator(o).AdjudicateAsync(request, CancellationToken.None);
        await stop.CancelAsync();
        foreach (var t in occupiers)
        {
            // A random-weight model may also sample end-of-text before the cancellation lands; either ending is fine,
            // what matters is that it ends (the native decode loop honours cancellation) and that we waited past 50 ms.
            var ended = await Task.WhenAny(t, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.Same(t, ended);
            Assert.True(t.IsCompletedSuccessfully || t.IsCanceled || t.Exception?.InnerException is OperationCanceledException, t.Exception?.ToString());
        }

        Assert.Equal(FallbackReason.Timeout, result.Provenance.Fallback?.Reason);
        Assert.Equal("llama", result.Provenance.Backend);
        Assert.Equal(request.Candidates.Select(c => c.Code).Order(), result.Codes.Select(c => c.Code).Order());
    }
}

/// <summary>Configuration → host → adjudicator, the way the worker gets it (<c>--model-backend llama --model x.gguf</c>).</summary>
public sealed class the_llama_backend_in_a_host(TinyModel model) : IClassFixture<TinyModel>
{
    [LlamaFact]
    public async Task command_line_switches_select_the_llama_backend_and_load_the_model_at_start()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        Microsoft.Extensions.Configuration.CommandLineConfigurationExtensions.AddCommandLine(builder.Configuration,
            ["--model-backend", "llama", "--model", model.Path, "--Model:Llama:ContextSize", "2048", "--model-threads", "1"],
            ModelCommandLine.Switches());
        builder.AddModelAdjudication();
        using var host = builder.Build();
        await host.StartAsync();

        var adjudicator = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IAdjudicator>(host.Services);
        var result = await adjudicator.AdjudicateAsync(SyntheticAdjudications.Create(40, candidates: 2), CancellationToken.None);

        Assert.IsType<ModelAdjudicator>(adjudicator);
        Assert.Equal("llama", result.Provenance.Backend);
        Assert.Equal(model.Service.Model.Sha256, result.Provenance.Model);
        await host.StopAsync();
    }

    [LlamaFact]
    public async Task gpu_layers_asked_of_the_cpu_backend_start_on_the_cpu_and_the_log_says_so()
    {
        // CI restores only LLamaSharp.Backend.Cpu: --model-gpu-layers must not stop the worker, and the start-up lines
        // must say where the layers really went instead of implying a GPU.
        var capture = new LogCapture();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        Microsoft.Extensions.Configuration.CommandLineConfigurationExtensions.AddCommandLine(builder.Configuration,
            ["--model-backend", "llama", "--model", model.Path, "--Model:Llama:ContextSize", "2048", "--model-threads", "1", "--model-gpu-layers", "-1"],
            ModelCommandLine.Switches());
        builder.Logging.AddProvider(capture);
        builder.AddModelAdjudication();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        Assert.Contains(capture.Lines, l => l.StartsWith("llama.cpp via LLamaSharp", StringComparison.Ordinal) && l.EndsWith("model on CPU", StringComparison.Ordinal));
        Assert.Contains(capture.Lines, l => l.StartsWith("Model:Llama:GpuLayers is -1 but no GPU backend loaded", StringComparison.Ordinal));
    }

    private sealed class LogCapture : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
                Lines.Add(formatter(state, exception));
        }
        public void Dispose() { }
    }
}
