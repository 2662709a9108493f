package dev.prefilter.engine.lnk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * {@code facts.lnk}: what a shortcut says, under stable names that other checks read. Absent
 * structures give null fields; every field is always present in the JSON.
 *
 * @param targetPath the path rebuilt from the ID list, which Windows resolves first; without an
 *     ID list path, the LinkInfo path, then the environment-variable target
 * @param extraBlocks the ExtraData signatures in file order, as {@code 0xA0000003}
 */
@JsonPropertyOrder({
    "linkFlags",
    "fileAttributes",
    "creationTime",
    "accessTime",
    "writeTime",
    "fileSize",
    "iconIndex",
    "showCommand",
    "hotKey",
    "idList",
    "targetPath",
    "localBasePath",
    "commonPathSuffix",
    "netName",
    "deviceName",
    "driveType",
    "driveSerialNumber",
    "volumeLabel",
    "name",
    "relativePath",
    "workingDir",
    "arguments",
    "iconLocation",
    "environmentTarget",
    "iconEnvironmentTarget",
    "trackerMachineId",
    "trackerMac",
    "knownFolderId",
    "specialFolderId",
    "darwinData",
    "extraBlocks",
    "appendedData"
})
public record ShortcutFacts(
        List<String> linkFlags,
        List<String> fileAttributes,
        String creationTime,
        String accessTime,
        String writeTime,
        Long fileSize,
        Integer iconIndex,
        String showCommand,
        String hotKey,
        List<ShellItem> idList,
        String targetPath,
        String localBasePath,
        String commonPathSuffix,
        String netName,
        String deviceName,
        String driveType,
        String driveSerialNumber,
        String volumeLabel,
        String name,
        String relativePath,
        String workingDir,
        String arguments,
        String iconLocation,
        String environmentTarget,
        String iconEnvironmentTarget,
        String trackerMachineId,
        String trackerMac,
        String knownFolderId,
        Long specialFolderId,
        String darwinData,
        List<String> extraBlocks,
        AppendedData appendedData) {

    public static ShortcutFacts of(Shortcut shortcut, AppendedData appended) {
        ShellLinkHeader h = shortcut.header();
        IdList ids = shortcut.idList();
        LinkInfo info = shortcut.linkInfo();
        StringData text = shortcut.strings();
        String environment = shortcut.block(ExtraBlock.Environment.class)
                .map(ExtraBlock.Environment::target)
                .orElse(null);
        ExtraBlock.Tracker tracker = shortcut.block(ExtraBlock.Tracker.class).orElse(null);
        return new ShortcutFacts(
                h == null ? null : LinkFlag.names(h.linkFlags()),
                h == null ? null : HeaderNames.fileAttributes(h.fileAttributes()),
                h == null ? null : iso(h.creationTime()),
                h == null ? null : iso(h.accessTime()),
                h == null ? null : iso(h.writeTime()),
                h == null ? null : h.fileSize(),
                h == null ? null : h.iconIndex(),
                h == null ? null : HeaderNames.showCommand(h.showCommand()),
                h == null ? null : HeaderNames.hotKey(h.hotKey()),
                ids == null ? null : ids.items(),
                targetPath(ids, info, environment),
                info == null ? null : info.localBasePath(),
                info == null ? null : info.commonPathSuffix(),
                info == null ? null : info.netName(),
                info == null ? null : info.deviceName(),
                info == null ? null : info.driveType(),
                info == null ? null : info.driveSerialNumber(),
                info == null ? null : info.volumeLabel(),
                StringData.valueOf(text.name()),
                StringData.valueOf(text.relativePath()),
                StringData.valueOf(text.workingDir()),
                StringData.valueOf(text.arguments()),
                StringData.valueOf(text.iconLocation()),
                environment,
                shortcut.block(ExtraBlock.IconEnvironment.class)
                        .map(ExtraBlock.IconEnvironment::target)
                        .orElse(null),
                tracker == null ? null : tracker.machineId(),
                tracker == null ? null : tracker.mac(),
                shortcut.block(ExtraBlock.KnownFolder.class)
                        .map(ExtraBlock.KnownFolder::folderId)
                        .orElse(null),
                shortcut.block(ExtraBlock.SpecialFolder.class)
                        .map(ExtraBlock.SpecialFolder::folderId)
                        .orElse(null),
                shortcut.block(ExtraBlock.Darwin.class)
                        .map(ExtraBlock.Darwin::data)
                        .orElse(null),
                shortcut.extraBlocks().stream()
                        .map(b -> ExtraBlockReaders.signatureName(b.signature()))
                        .toList(),
                appended);
    }

    private static String targetPath(IdList ids, LinkInfo info, String environment) {
        if (ids != null && ids.targetPath() != null) return ids.targetPath();
        if (info != null && info.targetPath() != null) return info.targetPath();
        return environment;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
