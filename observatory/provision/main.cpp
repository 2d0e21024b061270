// SPDX-License-Identifier: EUPL-1.2
#include "provisioncommand.h"

int main(int argc, char **argv)
{
    return relais::provisioning::runProvisionCommandLine(argc, argv);
}
