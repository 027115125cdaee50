using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Coding.Api;
using Coding.Core.Accounts;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// The real API host (ApiApp, as Program builds it) on Kestrel at 127.0.0.1 and a free port, against a scratch database
/// of its own, with one account per role (name = role, random password).
/// </summary>
public class ApiHost : IAsyncLifetime
{
    private ScratchDatabase _database = null!;

    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public string ConnectionString => _database.ConnectionString;
    public string OwnerConnectionString => _database.OwnerConnectionString;
    public Dictionary<string, string> Settings { get; } = [];
    public Dictionary<string, string> Passwords { get; } = [];

    /// <summary>A fixture's own settings, applied over the defaults above.</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    /// <summary>Where Kestrel listens: loopback and a free port, unless a fixture needs a caller that is not loopback.</summary>
    protected virtual string ListenUrl => "http://127.0.0.1:0";

    public virtual async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync("coding_web");
        foreach (var (key, value) in _database.Settings)
            Settings[key] = value!;
        Settings["NoteProtection:ActiveKeyId"] = "test-1";
        Settings["NoteProtection:Keys:test-1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Settings["NoteProtection:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Settings["Logging:LogLevel:Default"] = "Warning";
        Settings["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Settings["DataProtection:KeysPath"] = Path.Combine(Path.GetTempPath(), "coding-test-keys-" + Guid.NewGuid().ToString("N"));
        // Every test signs in from 127.0.0.1, many times per class: the sign-in limits have their own test (SignInLimitsHost).
        Settings["Auth:SignInLimits:PerClient"] = "100000";
        Settings["Auth:SignInLimits:PerAccount"] = "100000";
        Configure(Settings);

        App = ApiApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
            builder.WebHost.UseUrls(ListenUrl);
            // Console for warnings; from Information up (requests, auth, ingest) also the file the log scan reads for note text.
            builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Information)
                .AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning)
                .AddProvider(new FileLoggerProvider()).AddFilter<FileLoggerProvider>(null, LogLevel.Information)
                .AddFilter<FileLoggerProvider>("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        });
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<CodingDbContext>(), default);
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            foreach (var role in Roles.All)
            {
                Passwords[role] = PasswordHashing.NewPassword();
                await accounts.SaveAsync(role, role, Passwords[role], update: false, new Actor("test", "admin", "test"), default);
            }
        }
        await App.StartAsync();
        BaseAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>A client with no session that does not follow redirects, so a test sees the 302 to the sign-in page.</summary>
    /// <summary>It sends the anti-forgery header on every request, as the pages' fetch wrapper does.</summary>
    public HttpClient Anonymous()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(Api.Hosting.RequestHardening.AntiForgeryHeader, "1");
        return client;
    }

    /// <summary>A client signed in as the account named after the role.</summary>
    public async Task<HttpClient> SignedInAsync(string role)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/signin", new { name = role, password = Passwords[role] });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public AsyncServiceScope Scope() => App.Services.CreateAsyncScope();

    public virtual async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
