// Users and groups read from /etc/passwd and /etc/group directly, as glibc's
// "files" NSS service reads them: a static binary has no NSS modules, and a
// scratch container often has no nsswitch.conf. tcpdump -Z and ip tuntap
// share it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsbox::cli {

struct Account {
    std::string name;
    uint32_t id = 0;  // uid, or gid for a group
    uint32_t gid = 0; // a user's primary group (0 for a group)
    std::vector<std::string> members; // a group's member list
};

// The first entry with that name or id (getpwnam, getpwuid, getgrnam,
// getgrgid); nullopt when none. `path` is for tests.
std::optional<Account> user_by_name(std::string_view name, const char* path = "/etc/passwd");
std::optional<Account> user_by_id(uint32_t uid, const char* path = "/etc/passwd");
std::optional<Account> group_by_name(std::string_view name, const char* path = "/etc/group");
std::optional<Account> group_by_id(uint32_t gid, const char* path = "/etc/group");
// The gids of the groups that list `user` as a member (getgrouplist
// without the primary group).
std::vector<uint32_t> groups_with_member(std::string_view user, const char* path = "/etc/group");

} // namespace nsbox::cli
