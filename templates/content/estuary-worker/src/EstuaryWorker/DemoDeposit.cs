using Estuary;
using Estuary.Postgres;
using EstuaryWorker.Accounts;

namespace EstuaryWorker;

/// <summary>
/// Opens an account and deposits into it when the worker starts, so a first run shows the whole flow
/// (Demo:Enabled in appsettings.json; remove this class for a real worker). Both commands run in one
/// PostgreSQL transaction: the events and the message for the "statements" channel commit together.
/// </summary>
public sealed class DemoDeposit(ICommandBus commands, PostgresUnitOfWork unitOfWork, ILogger<DemoDeposit> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var accountId = $"demo-{Guid.NewGuid():N}"[..13];
        await unitOfWork.RunAsync(
            async token =>
            {
                await commands.SendAsync(new OpenAccount(accountId, "Ada"), token);
                await commands.SendAsync(new Deposit(accountId, 25m), token);
            },
            stoppingToken);
        logger.LogInformation("Demo: opened account {Account} and deposited 25.00", accountId);
    }
}
