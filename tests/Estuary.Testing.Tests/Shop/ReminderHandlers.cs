namespace Estuary.Testing.Tests.Shop;

public static class ReminderHandlers
{
    [Asynchronous(ShopChannels.Reminders)]
    [CommandHandler(EndpointId = "reminders.send")]
    [Delayed(60_000)]
    public static void Send(SendReminder command, IMailer mailer) => mailer.Send($"reminder for {command.Customer}");
}
