using Estuary.Cli;
using EstuaryWorker;

var builder = Host.CreateApplicationBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Accounts")
    ?? throw new InvalidOperationException("Set ConnectionStrings:Accounts (appsettings.json or ConnectionStrings__Accounts).");
builder.Services.AddWorker(connectionString);
if (bool.TryParse(builder.Configuration["Demo:Enabled"], out var demo) && demo)
{
    builder.Services.AddHostedService<DemoDeposit>();
}

using var host = builder.Build();

// Operations commands run inside this host: `dotnet run -- estuary endpoints`, `... estuary deadletter list`.
if (await host.Services.RunEstuaryCommandAsync(args) is { } exitCode)
{
    return exitCode;
}

await host.RunAsync();
return 0;
