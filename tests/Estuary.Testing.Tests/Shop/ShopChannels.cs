namespace Estuary.Testing.Tests.Shop;

/// <summary>The channels the shop's asynchronous handlers use; the test host declares them.</summary>
public static class ShopChannels
{
    public const string Warehouse = "warehouse";
    public const string Notifications = "notifications";
    public const string Reminders = "reminders";
    public const string Payments = "payments";
}
