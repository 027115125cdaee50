using Coding.Api;

var app = ApiApp.Build(args);
app.Run();
