using Coding.Core.Adjudication;
using Coding.Core.Model.Llama;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Coding.Core.Model;

public static class ModelAdjudicationSetup
{
    /// <summary>
    /// Registers <see cref="IAdjudicator"/> for the configured <c>Model:Backend</c>: the deterministic adjudicator for
    /// <c>none</c>; otherwise <see cref="ModelAdjudicator"/> over a Semantic Kernel <see cref="IChatCompletionService"/>
    /// (in-process llama.cpp or the OpenAI connector). Options are validated at start, so a missing GGUF or a
    /// non-allowlisted endpoint stops the host instead of failing the first encounter.
    /// </summary>
    public static IHostApplicationBuilder AddModelAdjudication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var backend = builder.Configuration.GetSection(ModelOptions.Section).GetValue<ModelBackend?>(nameof(ModelOptions.Backend)) ?? ModelBackend.None;
        builder.Services.AddSingleton<DeterministicAdjudicator>();
        builder.Services.AddHostedService<ModelBackendStartup>();
        switch (backend)
        {
            case ModelBackend.None:
                builder.Services.AddSingleton<IAdjudicator>(sp => sp.GetRequiredService<DeterministicAdjudicator>());
                break;
            case ModelBackend.Llama:
                builder.Services.AddSingleton(sp => LlamaChatCompletionService.Create(sp.GetRequiredService<IOptions<ModelOptions>>().Value.Llama));
                builder.Services.AddSingleton<IChatCompletionService>(sp => sp.GetRequiredService<LlamaChatCompletionService>());
                builder.Services.AddSingleton(sp => new AdjudicationBackend("llama", sp.GetRequiredService<LlamaChatCompletionService>().Model.Sha256, Endpoint: null));
                builder.Services.AddSingleton<IAdjudicator>(sp => ActivatorUtilities.CreateInstance<ModelAdjudicator>(sp));
                break;
            case ModelBackend.OpenAI:
                builder.Services.AddSingleton<IChatCompletionService>(sp => OpenAiChat(sp.GetRequiredService<IOptions<ModelOptions>>().Value, sp.GetService<ILoggerFactory>()));
                builder.Services.AddSingleton(sp =>
                {
                    var o = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
                    return new AdjudicationBackend("openai", o.OpenAI.ModelId!, new Uri(o.OpenAI.Endpoint!));
                });
                builder.Services.AddSingleton<IAdjudicator>(sp => ActivatorUtilities.CreateInstance<ModelAdjudicator>(sp));
                break;
        }
        return builder;
    }

    /// <summary>
    /// With a model backend (and the deterministic engine), the worker's <see cref="Suggestions.ISuggestionEngine"/> becomes
    /// <see cref="AdjudicatedEngine"/>: the deterministic engine's candidates go through the model. Call after
    /// AddSuggestionEngine and AddModelAdjudication; the later registration is the one resolved.
    /// </summary>
    public static IHostApplicationBuilder AddAdjudicatedEngine(this IHostApplicationBuilder builder)
    {
        var backend = builder.Configuration.GetSection(ModelOptions.Section).GetValue<ModelBackend?>(nameof(ModelOptions.Backend)) ?? ModelBackend.None;
        if (backend == ModelBackend.None || builder.Configuration["Engine:Kind"] == "none")
            return builder;
        builder.Services.AddSingleton<AdjudicatedEngine>();
        builder.Services.AddSingleton<Suggestions.ISuggestionEngine>(sp => sp.GetRequiredService<AdjudicatedEngine>());
        return builder;
    }

    /// <summary>Semantic Kernel's OpenAI connector pointed at any OpenAI-compatible base URL (…/v1).</summary>
    public static IChatCompletionService OpenAiChat(ModelOptions o, ILoggerFactory? loggers = null, HttpClient? http = null)
    {
        var endpoint = new Uri(o.OpenAI.Endpoint ?? throw new InvalidOperationException("Model:OpenAI:Endpoint is not set."));
        if (EndpointPolicy.Find(endpoint, o.AllowedEndpoints) is null)
            throw new InvalidOperationException($"{endpoint} is not in Model:AllowedEndpoints.");
        // The connector's own retries would multiply our timeout; ModelAdjudicator owns the time budget.
        // Every request is checked against the allowlist again, redirects included (AllowlistHandler).
        http ??= new HttpClient(new AllowlistHandler(o.AllowedEndpoints)) { Timeout = o.Timeout + TimeSpan.FromSeconds(5) };
#pragma warning disable SKEXP0010 // custom endpoint constructor is marked experimental
        return new OpenAIChatCompletionService(o.OpenAI.ModelId!, endpoint, string.IsNullOrEmpty(o.OpenAI.ApiKey) ? "unused" : o.OpenAI.ApiKey, httpClient: http, loggerFactory: loggers);
#pragma warning restore SKEXP0010
    }
}
