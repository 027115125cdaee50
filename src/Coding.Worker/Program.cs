using Coding.Core;
using Coding.Core.Model;
using Coding.Worker;

// Content root = the binary's folder, so appsettings.json is found whatever directory the worker starts from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, ModelCommandLine.Switches()); // --model-backend llama --model <gguf>
builder.AddCodingCore();
builder.AddCodingWorker();
builder.Build().Run();
