using AssetRegistry.Domain.Standards;

namespace AssetRegistry.Domain.Inspections.Campaigns;

/// <summary>The kinds checked first after one kind of event, most urgent first.</summary>
public sealed record CampaignPriorityOrder(string Reason, string TitleZh, IReadOnlyList<string> Collections, Provenance Provenance);

/// <summary>What an emergency check of one kind uses: its checklist and whether it is confined-space work.</summary>
public sealed record EmergencyCheck(string Collection, string Checklist, bool ConfinedSpace);

/// <summary>
/// Emergency-campaign data: the reasons, the order kinds are checked in after each, and each kind's checklist.
/// Kinds missing from a reason's order come after the listed ones.
/// </summary>
public sealed record CampaignRules
{
    /// <summary>Why a campaign is run.</summary>
    public IReadOnlyList<CampaignPriorityOrder> Orders { get; init; } =
    [
        new("typhoon", "台风", ["ancient_trees", "streetlights", "bridges", "manholes", "waterlogging_points", "sewer_segments"],
            new("Issue #4: after a typhoon trees and streetlights first; extra tree inspections after typhoons (DOMAIN.md §3.2 [U])", Verification.Unverified)),
        new("rainstorm", "暴雨", ["manholes", "waterlogging_points", "sewer_segments", "bridges", "streetlights", "ancient_trees"],
            new("Issue #4: after a rainstorm manholes and waterlogging points first; post-rain review within 24 h (DOMAIN.md §6 [U])", Verification.Unverified)),
        new("other", "其他", [], new("No order: every kind at the same priority", Verification.Unverified)),
    ];

    /// <summary>Priority of the first kind in an order; each next kind adds <see cref="PriorityStep"/>.</summary>
    public int FirstPriority { get; init; } = 10;
    public int PriorityStep { get; init; } = 10;
    /// <summary>Priority of kinds a reason does not list.</summary>
    public int UnlistedPriority { get; init; } = 100;

    /// <summary>The checklist of an emergency check per kind; kinds without one (parks, residential land) are not checked.</summary>
    public IReadOnlyList<EmergencyCheck> Checks { get; init; } =
    [
        new("ancient_trees", Checklists.AncientTree, false),
        new("bridges", Checklists.BridgeVisual, false),
        new("manholes", Checklists.ManholeCover, false),
        new("sewer_segments", Checklists.SewerCctv, true),
        new("streetlights", Checklists.Streetlight, false),
        new("waterlogging_points", Checklists.Waterlogging, false),
    ];

    /// <summary>The defaults above.</summary>
    public static readonly CampaignRules Default = new();

    /// <summary>The priority of <paramref name="collection"/>'s tasks in a campaign for <paramref name="reason"/> (lower first).</summary>
    public int PriorityOf(string reason, string collection)
    {
        var order = Orders.First(o => o.Reason == reason).Collections.ToList();
        var rank = order.IndexOf(collection);
        return rank < 0 ? UnlistedPriority : FirstPriority + rank * PriorityStep;
    }
}
