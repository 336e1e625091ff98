// A FILE* writing into memory (open_memstream) that is closed and freed on
// every way out of a scope, a printer's exception included.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace nsbox_test {

class MemStream {
public:
    MemStream() : f_(open_memstream(&buf_, &len_)) {}
    ~MemStream()
    {
        if (f_)
            std::fclose(f_);
        std::free(buf_);
    }
    MemStream(const MemStream&) = delete;
    MemStream& operator=(const MemStream&) = delete;

    FILE* file() const noexcept { return f_; }
    // Closes the stream and returns what was written.
    std::string take()
    {
        std::fclose(f_);
        f_ = nullptr;
        return std::string(buf_, len_);
    }

private:
    char* buf_ = nullptr;
    size_t len_ = 0;
    FILE* f_;
};

} // namespace nsbox_test
