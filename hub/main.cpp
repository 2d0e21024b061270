// SPDX-License-Identifier: EUPL-1.2
#include "hubcommand.h"

int main(int argc, char **argv)
{
    return relais::hub::runCommandLine(argc, argv);
}
